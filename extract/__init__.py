"""Evidence extraction for the adult acute lymphoblastic leukemia (ALL) literature.

The package reads top-down as the data flows: pdf -> tables -> nlp -> rows -> validate ->
store -> evaluate -> review, one folder or module per stage; `pipeline` runs them and
`cli` sits on top (see README, "What it does").
"""

__version__ = "0.1.0"
