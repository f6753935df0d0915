"""Rows stage: entities and table records -> evidence rows (one cohort or arm each)."""
