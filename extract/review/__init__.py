"""review stage: what a person checks and corrects. Review tasks out (`tasks`,
`labelstudio`, `doccano`, `rows_review`), annotators' exports back in, checked whole
(`importing`), kept in the append-only ledger (`ledger`) and the store; where corrections
land on a run's documents and rows (`apply`, called by `pipeline`); the displaCy page of
`ents --html` (`displacy`)."""
