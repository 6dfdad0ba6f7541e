"""Importers, one per file format; walks/importers/upload.py picks one."""
