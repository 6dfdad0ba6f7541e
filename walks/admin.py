"""Patients' diaries are private health data: the admin does not list them.

Staff manage doctor listings (see doctors/admin.py) and user accounts only.
"""
