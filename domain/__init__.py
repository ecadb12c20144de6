"""Shared domain model: the activity record, vocabularies, the warehouse DDL and the gazetteer.

Imported by both the write side (`etl`) and the read side (`analytics`); imports neither.
"""
