"""Hand-written held-out gold: texts with inline span markup, and evidence rows.

Markup: {{surface text|LABEL}}. Running this file writes texts/<id>.txt, spans.jsonl and
rows.csv next to it and checks that every span and every evidence string matches the text.
Written blind to the corpus reference texts, the corpus PDFs and the extractor's code.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

DOCS = {
"h01-besponsa-label": (
    "The efficacy of {{BESPONSA|AGENT}} ({{inotuzumab ozogamicin|AGENT}}) was evaluated in an open-label, "
    "randomized study ({{NCT04412345|TRIAL}}) of adults with relapsed or refractory CD22-positive B-cell "
    "precursor ALL. Complete remission (CR) was achieved in 42 of {{76|N}} patients ({{55.3%|CR}}) in the "
    "{{BESPONSA|AGENT}} arm and in 11 of {{73|N}} patients ({{15.1%|CR}}) in the investigator's choice "
    "chemotherapy arm. Among patients in CR, 33 ({{78.6%|MRD}}) achieved MRD negativity by flow cytometry. "
    "Median overall survival was {{7.9 months|OS}} with {{BESPONSA|AGENT}} versus {{6.4 months|OS}} with "
    "chemotherapy."
),
"h02-e1910-abstract": (
    "Results: In {{ECOG-ACRIN E1910|TRIAL}}, {{224|N}} patients in MRD-negative remission were randomized to "
    "consolidation chemotherapy with or without {{blinatumomab|AGENT}}. Median age was {{51 years|AGE}} "
    "(range, {{30 to 70 years|AGE}}). At a median follow-up of 43 months, the 3-year OS was {{85%|OS}} in the "
    "{{blinatumomab|AGENT}} arm (n = {{112|N}}) versus {{68%|OS}} in the chemotherapy arm (n = {{112|N}}). "
    "The 3-year relapse-free survival was 80% versus 64%. Nineteen patients in the chemotherapy arm relapsed."
),
"h03-phallcon": (
    "In the phase 3 {{PhALLCON|TRIAL}} trial, {{245|N}} adults with newly diagnosed Ph-positive ALL were "
    "randomized 2:1 to {{ponatinib|AGENT}} (n = {{164|N}}) or {{imatinib|AGENT}} (n = {{81|N}}), each combined "
    "with reduced-intensity chemotherapy. The median age was {{54 years|AGE}} (range, {{19–82|AGE}}). "
    "MRD-negative CR at the end of induction was achieved in {{34.4%|MRD}} of patients with {{ponatinib|AGENT}} "
    "compared with {{16.7%|MRD}} with {{imatinib|AGENT}}. The CR rates were {{92.1%|CR}} and {{89.3%|CR}}, "
    "respectively. Both TKIs were well tolerated, and event-free survival data are not yet mature."
),
"h04-rituximab-review": (
    "In {{UKALL14|TRIAL}}, adding {{rituximab|AGENT}} to standard induction did not improve outcomes: the "
    "3-year OS was {{58%|OS}} with {{rituximab|AGENT}} versus {{55%|OS}} without it. By contrast, the "
    "{{GRAALL-2005/R|TRIAL}} study reported a 2-year EFS of 65% versus 52% in favour of {{rituximab|AGENT}}, "
    "and a 2-year OS of {{71%|OS}} compared with {{64%|OS}}. Anthracyclines and steroids remain the backbone "
    "of both protocols."
),
"h05-tecartus-label": (
    "{{TECARTUS|AGENT}} ({{brexucabtagene autoleucel|AGENT}}) was evaluated in the single-arm "
    "{{CARTALL-2|TRIAL}} study in {{55|N}} adults with relapsed or refractory B-ALL (median age, "
    "{{40 years|AGE}}; range, {{19 to 84 years|AGE}}). The rate of CR or CR with incomplete hematologic "
    "recovery (CRi) was {{71%|CR}}, and CR alone was observed in {{56%|CR}} of patients. Among responders, "
    "{{97%|MRD}} had undetectable MRD by flow cytometry. Median OS was {{25.4 months|OS}}; the median "
    "duration of remission was 12.8 months."
),
"h06-kymriah-peds": (
    "In the {{BRIGHT-CART|TRIAL}} study, {{79|N}} children and young adults with relapsed or refractory B-ALL "
    "received a single infusion of {{Kymriah|AGENT}} ({{tisagenlecleucel|AGENT}}); the median age was "
    "{{11 years|AGE}} (range, {{3–24 years|AGE}}). The CR/CRi rate within 3 months was {{82%|CR}}, and "
    "{{98%|MRD}} of responders were MRD negative by flow cytometry. OS was {{76%|OS}} at 12 months and "
    "{{63%|OS}} at 24 months, with a median OS of {{31.1 months|OS}}. Nine patients relapsed with "
    "CD19-negative disease."
),
"h07-hypercvad-ponatinib": (
    "Between 2014 and 2021, {{86|N}} patients with Ph-positive ALL were treated with {{hyper-CVAD|AGENT}} plus "
    "{{ponatinib|AGENT}} at MD Anderson Cancer Center ({{NCT02761234|TRIAL}}). The median age was "
    "{{47 years|AGE}}. The CR rate was {{98%|CR}}, and the complete molecular response (CMR) rate was 84%. "
    "MRD negativity by multiparameter flow cytometry was achieved in {{99%|MRD}} of patients. The 5-year PFS "
    "and OS were 68% and {{73%|OS}}, respectively; among the {{21|N}} patients aged 60 years or older, the "
    "5-year OS was {{47%|OS}}."
),
"h08-minihcvd-ino-older": (
    "Older patients (≥60 years) with newly diagnosed Ph-negative B-ALL received {{mini-hyper-CVD|AGENT}} "
    "combined with {{inotuzumab ozogamicin|AGENT}} ({{InO|AGENT}}), with or without {{blinatumomab|AGENT}}. "
    "Among {{80|N}} patients (median age, {{68 years|AGE}}; range, {{60–81|AGE}}), the overall response rate "
    "was 98% and the CR rate was {{85%|CR}}. {{InO|AGENT}}-related sinusoidal obstruction syndrome occurred "
    "in six patients. The 3-year EFS and OS rates were 55% and {{63%|OS}}, respectively."
),
"h09-alltogether1": (
    "{{ALLTogether1|TRIAL}} enrolled {{1,842|N}} children and young adults (median age, {{6 years|AGE}}; "
    "range, {{1–45 years|AGE}}). By day 29, MRD negativity by PCR of immunoglobulin/T-cell receptor gene "
    "rearrangements (<10⁻⁴) was achieved in {{71%|MRD}} of patients. The 5-year OS was {{94%|OS}} in "
    "standard-risk patients (n = {{1,102|N}}) and {{81%|OS}} in high-risk patients (n = {{214|N}}). "
    "Induction deaths were reported in 12 patients."
),
"h10-hovon100": (
    "In the randomized {{HOVON-100|TRIAL}} trial, {{340|N}} adults with newly diagnosed ALL received standard "
    "induction with or without {{clofarabine|AGENT}}. The CR rate was {{90%|CR}} in the {{clofarabine|AGENT}} "
    "arm (n = {{166|N}}) and {{91%|CR}} in the control arm (n = {{174|N}}). MRD negativity after "
    "consolidation was more frequent with {{clofarabine|AGENT}} ({{71%|MRD}} vs. {{58%|MRD}}). EFS at 5 years "
    "was 50% versus 42%, but 5-year OS did not differ ({{58%|OS}} and {{60%|OS}}, respectively)."
),
"h11-blincyto-mrd": (
    "The efficacy of {{Blincyto|AGENT}} ({{blinatumomab|AGENT}}) in MRD-positive B-cell precursor ALL was "
    "evaluated in the single-arm {{MT103-NOVA|TRIAL}} study, which enrolled {{86|N}} patients in hematologic "
    "complete remission with MRD at a level of 0.1% or greater. Median age was {{45 years|AGE}} (range, "
    "{{18 to 76 years|AGE}}). After one cycle, 69 of {{86|N}} patients ({{80.2%|MRD}}) achieved a complete "
    "MRD response by PCR. Median overall survival was {{36.5 months|OS}}; relapse-free survival at 18 months "
    "was 54%."
),
"h12-tallis2-nelarabine": (
    "{{Nelarabine|AGENT}} was added to a pediatric-inspired backbone for adults with high-risk T-ALL in the "
    "{{TALLIS-2|TRIAL}} study (n = {{64|N}}). The CR rate after induction was {{89%|CR}}, compared with "
    "{{81%|CR}} in the historical {{GRAALL-2005|TRIAL}} T-ALL cohort. The 3-year OS was {{69%|OS}}, and the "
    "median OS was not reached. Twelve patients proceeded to allogeneic SCT in first remission."
),
"h13-venetoclax-navitoclax": (
    "{{Venetoclax|AGENT}} combined with low-dose {{navitoclax|AGENT}} and chemotherapy was given to {{47|N}} "
    "patients with relapsed or refractory ALL (median age, {{29 years|AGE}}). The CR rate was {{60%|CR}} "
    "overall, {{57%|CR}} in B-ALL and {{64%|CR}} in T-ALL. The median OS was {{7.8 months|OS}}, and the "
    "1-year OS was {{38%|OS}}. BH3 mimetics thus show meaningful activity in this setting."
),
"h14-calgb10403": (
    "In the {{CALGB 10403|TRIAL}} study, {{295|N}} adolescents and young adults (median age, "
    "{{24 years|AGE}}; range, {{17–39 years|AGE}}) received a pediatric-inspired regimen including "
    "{{pegaspargase|AGENT}}. The CR rate was {{89%|CR}}, and the 3-year OS was {{73%|OS}}, compared with "
    "roughly {{58%|OS}} reported historically for young adults on adult regimens. Obesity and a Ph-like "
    "genotype were associated with inferior EFS."
),
"h15-chemofree-review": (
    "Chemotherapy-free approaches are expanding. In the {{PONABLIN|TRIAL}} trial ({{NCT03981234|TRIAL}}), "
    "{{ponatinib|AGENT}} and {{blinatumomab|AGENT}} were given to {{60|N}} adults with Ph-positive ALL, and "
    "in the {{ALL-DB2|TRIAL}} study, {{40|N}} patients received {{dasatinib|AGENT}} with "
    "{{blinatumomab|AGENT}}. CR rates were {{96%|CR}} and {{95%|CR}}, respectively, while the 2-year OS "
    "rates were {{91%|OS}} and {{88%|OS}}, respectively. The CMR rates were 83% and 60%."
),
"h16-obecel-abstract": (
    "Results: {{Ninety-four|N}} adults with relapsed or refractory B-ALL received "
    "{{obecabtagene autoleucel|AGENT}} ({{obe-cel|AGENT}}) in the {{AUTO-ALL2|TRIAL}} study; median age was "
    "{{47 years|AGE}} (range, {{20–81 years|AGE}}). The CR/CRi rate was {{76.6%|CR}}, and {{97%|MRD}} of "
    "evaluable responders were MRD negative by NGS. With a median follow-up of 21.5 months, the 12-month OS "
    "was {{61%|OS}} and the median OS was {{15.6 months|OS}}. Conclusions: {{Obe-cel|AGENT}} induced durable "
    "remissions with a low rate of severe cytokine release syndrome."
),
}

# Rows: (doc_id, fields, evidence) — evidence must be a substring of the plain text.
COLS = ["doc_id", "source", "trial", "agents", "subgroup", "n", "age_median", "age_min", "age_max",
        "cr_pct", "mrd_neg_pct", "mrd_method", "os_pct", "os_years", "os_median_months", "evidence"]


def R(doc, ev_first, ev_last, **kw):
    return {"doc_id": doc, "ev": (ev_first, ev_last), **kw}


ROWS = [
    R("h01-besponsa-label", "The efficacy of BESPONSA", "versus 6.4 months with chemotherapy.",
      trial="NCT04412345", agents="inotuzumab", n=76, cr_pct=55.3, mrd_neg_pct=78.6, mrd_method="flow",
      os_median_months=7.9),
    R("h01-besponsa-label", "Complete remission (CR) was achieved", "versus 6.4 months with chemotherapy.",
      trial="NCT04412345", subgroup="chemotherapy arm", n=73, cr_pct=15.1, os_median_months=6.4),
    R("h02-e1910-abstract", "Results: In ECOG-ACRIN E1910", "(range, 30 to 70 years).",
      trial="ECOG-ACRIN E1910", agents="blinatumomab", n=224, age_median=51, age_min=30, age_max=70),
    R("h02-e1910-abstract", "At a median follow-up", "chemotherapy arm (n = 112).",
      trial="ECOG-ACRIN E1910", agents="blinatumomab", n=112, os_pct=85, os_years=3),
    R("h02-e1910-abstract", "At a median follow-up", "chemotherapy arm (n = 112).",
      trial="ECOG-ACRIN E1910", subgroup="chemotherapy arm", n=112, os_pct=68, os_years=3),
    R("h03-phallcon", "In the phase 3 PhALLCON", "(range, 19–82).",
      trial="PhALLCON", agents="imatinib;ponatinib", n=245, age_median=54, age_min=19, age_max=82),
    R("h03-phallcon", "In the phase 3 PhALLCON", "respectively.",
      trial="PhALLCON", agents="ponatinib", n=164, cr_pct=92.1, mrd_neg_pct=34.4),
    R("h03-phallcon", "In the phase 3 PhALLCON", "respectively.",
      trial="PhALLCON", agents="imatinib", n=81, cr_pct=89.3, mrd_neg_pct=16.7),
    R("h04-rituximab-review", "In UKALL14", "without it.", trial="UKALL14", agents="rituximab",
      os_pct=58, os_years=3),
    R("h04-rituximab-review", "In UKALL14", "without it.", trial="UKALL14", subgroup="chemotherapy arm",
      os_pct=55, os_years=3),
    R("h04-rituximab-review", "By contrast", "compared with 64%.", trial="GRAALL-2005/R", agents="rituximab",
      os_pct=71, os_years=2),
    R("h04-rituximab-review", "By contrast", "compared with 64%.", trial="GRAALL-2005/R",
      subgroup="chemotherapy arm", os_pct=64, os_years=2),
    R("h05-tecartus-label", "TECARTUS", "Median OS was 25.4 months;", trial="CARTALL-2",
      agents="brexucabtagene autoleucel", n=55, age_median=40, age_min=19, age_max=84, cr_pct=56,
      mrd_neg_pct=97, mrd_method="flow", os_median_months=25.4),
    # spec §2.1 composite remission rates (added once §2.1 was decided): the composite's own row
    R("h05-tecartus-label", "The rate of CR or CR", "56% of patients.", trial="CARTALL-2",
      agents="brexucabtagene autoleucel", subgroup="CR/CRi", n=55, cr_pct=71),
    R("h06-kymriah-peds", "In the BRIGHT-CART", "median OS of 31.1 months.", trial="BRIGHT-CART",
      agents="tisagenlecleucel", n=79, age_median=11, age_min=3, age_max=24, cr_pct=82, mrd_neg_pct=98,
      mrd_method="flow", os_pct=76, os_years=1, os_median_months=31.1),
    R("h06-kymriah-peds", "OS was 76%", "median OS of 31.1 months.", trial="BRIGHT-CART",
      agents="tisagenlecleucel", os_pct=63, os_years=2),
    R("h07-hypercvad-ponatinib", "Between 2014", "5-year OS was 47%.", trial="NCT02761234",
      agents="hyper-cvad;ponatinib", n=86, age_median=47, cr_pct=98, mrd_neg_pct=99, mrd_method="flow",
      os_pct=73, os_years=5),
    R("h07-hypercvad-ponatinib", "The 5-year PFS", "5-year OS was 47%.", trial="NCT02761234",
      agents="hyper-cvad;ponatinib", subgroup="aged 60 years or older", n=21, os_pct=47, os_years=5),
    R("h08-minihcvd-ino-older", "Older patients", "were 55% and 63%, respectively.",
      agents="blinatumomab;inotuzumab;mini-hyper-cvd", n=80, age_median=68, age_min=60, age_max=81,
      cr_pct=85, os_pct=63, os_years=3),
    R("h09-alltogether1", "ALLTogether1 enrolled", "was achieved in 71% of patients.", trial="ALLTogether1",
      n=1842, age_median=6, age_min=1, age_max=45, mrd_neg_pct=71, mrd_method="pcr"),
    R("h09-alltogether1", "The 5-year OS was 94%", "(n = 214).", trial="ALLTogether1",
      subgroup="standard-risk", n=1102, os_pct=94, os_years=5),
    R("h09-alltogether1", "The 5-year OS was 94%", "(n = 214).", trial="ALLTogether1",
      subgroup="high-risk", n=214, os_pct=81, os_years=5),
    R("h10-hovon100", "In the randomized HOVON-100", "with or without clofarabine.", trial="HOVON-100",
      agents="clofarabine", n=340),
    R("h10-hovon100", "The CR rate was 90%", "respectively).", trial="HOVON-100", agents="clofarabine",
      n=166, cr_pct=90, mrd_neg_pct=71, os_pct=58, os_years=5),
    R("h10-hovon100", "The CR rate was 90%", "respectively).", trial="HOVON-100", subgroup="chemotherapy arm",
      n=174, cr_pct=91, mrd_neg_pct=58, os_pct=60, os_years=5),
    R("h11-blincyto-mrd", "The efficacy of Blincyto", "Median overall survival was 36.5 months;",
      trial="MT103-NOVA", agents="blinatumomab", n=86, age_median=45, age_min=18, age_max=76,
      mrd_neg_pct=80.2, mrd_method="pcr", os_median_months=36.5),
    R("h12-tallis2-nelarabine", "Nelarabine was added", "median OS was not reached.", trial="TALLIS-2",
      agents="nelarabine", n=64, cr_pct=89, os_pct=69, os_years=3),
    R("h12-tallis2-nelarabine", "The CR rate after induction", "T-ALL cohort.", trial="GRAALL-2005",
      subgroup="historical comparator (T-ALL cohort)", cr_pct=81),
    R("h13-venetoclax-navitoclax", "Venetoclax combined", "1-year OS was 38%.",
      agents="navitoclax;venetoclax", n=47, age_median=29, cr_pct=60, os_pct=38, os_years=1,
      os_median_months=7.8),
    R("h13-venetoclax-navitoclax", "The CR rate was 60%", "64% in T-ALL.", agents="navitoclax;venetoclax",
      subgroup="B-ALL", cr_pct=57),
    R("h13-venetoclax-navitoclax", "The CR rate was 60%", "64% in T-ALL.", agents="navitoclax;venetoclax",
      subgroup="T-ALL", cr_pct=64),
    R("h14-calgb10403", "In the CALGB 10403", "adult regimens.", trial="CALGB 10403", agents="pegaspargase",
      n=295, age_median=24, age_min=17, age_max=39, cr_pct=89, os_pct=73, os_years=3),
    R("h15-chemofree-review", "In the PONABLIN", "respectively.", trial="PONABLIN",
      agents="blinatumomab;ponatinib", n=60, cr_pct=96, os_pct=91, os_years=2),
    R("h15-chemofree-review", "In the PONABLIN", "respectively.", trial="ALL-DB2",
      agents="blinatumomab;dasatinib", n=40, cr_pct=95, os_pct=88, os_years=2),
    R("h16-obecel-abstract", "Results: Ninety-four", "median OS was 15.6 months.", trial="AUTO-ALL2",
      agents="obecabtagene autoleucel", n=94, age_median=47, age_min=20, age_max=81, cr_pct=76.6,
      mrd_neg_pct=97, mrd_method="ngs", os_pct=61, os_years=1, os_median_months=15.6),
]

MARK = re.compile(r"\{\{(.+?)\|([A-Z]+)\}\}")
LABELS = {"TRIAL", "AGENT", "N", "AGE", "CR", "MRD", "OS"}


def parse(marked: str):
    text, spans, pos, last = [], [], 0, 0
    for m in MARK.finditer(marked):
        text.append(marked[last:m.start()])
        pos += m.start() - last
        surface, label = m.group(1), m.group(2)
        assert label in LABELS, label
        spans.append({"start": pos, "end": pos + len(surface), "label": label, "text": surface})
        text.append(surface)
        pos += len(surface)
        last = m.end()
    text.append(marked[last:])
    plain = "".join(text)
    assert "{{" not in plain and "}}" not in plain and "|" not in plain, plain
    return plain, spans


def main():
    (HERE / "texts").mkdir(exist_ok=True)
    plains = {}
    with open(HERE / "spans.jsonl", "w", encoding="utf-8") as fh:
        for doc_id, marked in DOCS.items():
            plain, spans = parse(marked)
            for s in spans:  # verify offsets
                assert plain[s["start"]:s["end"]] == s["text"], (doc_id, s)
            for a, b in zip(spans, spans[1:]):
                assert a["end"] <= b["start"], (doc_id, a, b)
            plains[doc_id] = plain
            (HERE / "texts" / f"{doc_id}.txt").write_text(plain + "\n", encoding="utf-8")
            fh.write(json.dumps({"doc_id": doc_id, "spans": spans}, ensure_ascii=False) + "\n")
    with open(HERE / "rows.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLS)
        w.writeheader()
        for r in ROWS:
            plain = plains[r["doc_id"]]
            first, last = r["ev"]
            i = plain.index(first)
            j = plain.index(last, i) + len(last)
            row = {c: "" for c in COLS}
            row.update({k: v for k, v in r.items() if k != "ev"})
            row["source"] = "text"
            row["evidence"] = plain[i:j]
            assert row["trial"] == "" or row["trial"] in plain, row
            w.writerow(row)
    n_spans = sum(len(parse(m)[1]) for m in DOCS.values())
    print(f"{len(DOCS)} texts, {n_spans} spans, {len(ROWS)} rows")


if __name__ == "__main__":
    main()
