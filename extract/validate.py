"""Validate the rows table with a great-expectations suite.

Failing rows are flagged (column `flags` names each broken expectation), never dropped.
The suite's full result is returned as JSON-able data for `outputs/validation.json`.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import pandas as pd

from extract.types import FLOAT_COLUMNS, INT_COLUMNS, MRD_METHODS, PCT_COLUMNS, SPEC_COLUMNS, TEXT_COLUMNS, VALUE_FIELDS

SUITE_NAME = "evidence_rows"


@dataclass
class Validation:
    success: bool
    rows: pd.DataFrame  # input rows plus `flags` ("" when the row passes)
    results: list[dict]  # one entry per expectation: name, column(s), success, failing row indices
    raw: dict  # GX's own result, serialised


def _checked_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows in the types the suite checks, plus row-wise rule columns GX tests as sets."""
    frame = rows.copy()
    for column in SPEC_COLUMNS:
        if column not in frame:
            frame[column] = None
    for column in (*INT_COLUMNS, *FLOAT_COLUMNS):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in TEXT_COLUMNS:
        frame[column] = frame[column].fillna("").astype(str)
    frame["mrd_method"] = frame["mrd_method"].replace("", None)
    # Rules across columns, as one boolean per row.
    frame["rule_has_subject"] = (frame["trial"].str.strip() != "") | (frame["agents"].str.strip() != "")
    frame["rule_has_value"] = frame[list(VALUE_FIELDS)].notna().any(axis=1)
    frame["rule_n_whole"] = frame["n"].isna() | (frame["n"] % 1 == 0)
    return frame.reset_index(drop=True)


def _suite(gx):
    e = gx.expectations
    expectations = [
        e.ExpectTableColumnsToMatchSet(column_set=list(SPEC_COLUMNS), exact_match=False),
        e.ExpectColumnValuesToNotBeNull(column="doc_id"),
        e.ExpectColumnValuesToBeInSet(column="source", value_set=["text", "table"]),
        e.ExpectColumnValuesToBeBetween(column="page", min_value=0),
        *(e.ExpectColumnValuesToBeInTypeList(column=c, type_list=["float64", "Float64", "int64", "Int64"])
          for c in (*INT_COLUMNS, *FLOAT_COLUMNS)),
        *(e.ExpectColumnValuesToBeBetween(column=c, min_value=0, max_value=100) for c in PCT_COLUMNS),
        e.ExpectColumnValuesToBeBetween(column="n", min_value=1),
        e.ExpectColumnValuesToBeInSet(column="rule_n_whole", value_set=[True]),
        e.ExpectColumnValuesToBeBetween(column="os_years", min_value=0, strict_min=True),
        e.ExpectColumnValuesToBeBetween(column="os_median_months", min_value=0, strict_min=True),
        *(e.ExpectColumnValuesToBeBetween(column=c, min_value=0, max_value=120)
          for c in ("age_median", "age_min", "age_max")),
        e.ExpectColumnPairValuesAToBeGreaterThanB(column_A="age_median", column_B="age_min", or_equal=True,
                                                  ignore_row_if="either_value_is_missing"),
        e.ExpectColumnPairValuesAToBeGreaterThanB(column_A="age_max", column_B="age_median", or_equal=True,
                                                  ignore_row_if="either_value_is_missing"),
        e.ExpectColumnPairValuesAToBeGreaterThanB(column_A="age_max", column_B="age_min", or_equal=True,
                                                  ignore_row_if="either_value_is_missing"),
        e.ExpectColumnValuesToBeInSet(column="mrd_method", value_set=list(MRD_METHODS)),
        e.ExpectColumnValuesToBeInSet(column="rule_has_subject", value_set=[True]),
        e.ExpectColumnValuesToBeInSet(column="rule_has_value", value_set=[True]),
        e.ExpectColumnValueLengthsToBeBetween(column="evidence", min_value=1),
    ]
    suite = gx.ExpectationSuite(name=SUITE_NAME)
    for expectation in expectations:
        suite.add_expectation(expectation)
    return suite


def _quiet_gx() -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    for name in ("great_expectations", "great_expectations.core", "great_expectations.data_context"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _describe(config: dict) -> str:
    kwargs = config.get("kwargs", {})
    columns = kwargs.get("column") or "/".join(v for k, v in kwargs.items() if k in ("column_A", "column_B"))
    return f"{config['type']}({columns})" if columns else config["type"]


def _without_run_identity(raw: dict) -> dict:
    """GX's result less what differs between two runs on the same rows (random expectation
    ids, the load time), so validation.json is the same bytes for the same input."""
    for item in raw.get("results", []):
        item.get("expectation_config", {}).pop("id", None)
    raw.get("meta", {}).get("batch_markers", {}).pop("ge_load_time", None)
    return raw


def preload() -> None:
    """Import great-expectations ahead of `validate_rows`, e.g. in a thread of a process
    that waits while its workers read documents. A failure is left for `validate_rows`
    to raise where it is reported."""
    _quiet_gx()
    try:
        import great_expectations  # noqa: F401  # lazy: as in validate_rows
    except Exception:  # noqa: BLE001, S110 - validate_rows imports it again and reports
        pass


def validate_rows(rows: pd.DataFrame) -> Validation:
    """Run the suite; return rows with a `flags` column and the per-expectation results."""
    _quiet_gx()
    import great_expectations as gx  # lazy: importing GX takes ~3 s; only `run` validates
    from great_expectations.data_context.types.base import ProgressBarsConfig  # lazy: as above

    frame = _checked_frame(rows)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    asset = context.data_sources.add_pandas("rows_source").add_dataframe_asset(name="rows")
    batch = asset.add_batch_definition_whole_dataframe("all_rows").get_batch(
        batch_parameters={"dataframe": frame}
    )
    suite = context.suites.add(_suite(gx))
    outcome = batch.validate(suite, result_format="COMPLETE")
    raw = _without_run_identity(outcome.to_json_dict())

    flags: dict[int, list[str]] = {}
    results = []
    for item in raw["results"]:
        name = _describe(item["expectation_config"])
        failing = [int(i) for i in (item.get("result") or {}).get("unexpected_index_list") or []
                   if not isinstance(i, dict)]
        results.append({"expectation": name, "success": bool(item["success"]), "failing_rows": failing})
        for index in failing:
            flags.setdefault(index, []).append(name)
    flagged = rows.reset_index(drop=True).copy()
    flagged["flags"] = [";".join(flags.get(i, [])) for i in range(len(flagged))]
    return Validation(success=bool(raw["success"]), rows=flagged, results=results, raw=raw)
