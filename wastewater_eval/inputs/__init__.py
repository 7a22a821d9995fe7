"""The user's files: the discharger file, the plants file, and the JSON Schema both are checked against."""
