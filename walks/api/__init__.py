"""The REST API (/api/v1/): the same forms validate, the same services write."""
