"""Presentation (internal).

Languages and the glossary, tables, charts, the brief. No figure is computed here.
"""
