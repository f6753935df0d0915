"""Evidence extraction for the adult acute lymphoblastic leukemia (ALL) literature.

The package reads top-down as the data flows:
pdf (text layer, tables) -> nlp (entities) -> rows -> validate -> outputs -> evaluate.
"""

__version__ = "0.1.0"
