"""Hand-written source of the second held-out benchmark (bench/heldout2).

Texts carry inline markup ``{LABEL|span text}``; running this file strips the markup,
writes texts/<doc_id>.txt and spans.jsonl (character offsets into the plain text),
writes rows.csv from the hand-typed ROWS below, and checks everything:
text[start:end] == span text, no overlapping spans, labels in the spec's set, every
evidence string a contiguous substring of its document, row fields well typed.

    /work/venv/bin/python bench/heldout2/source.py

Written blind to the corpus reference texts, the pipeline's code, its tests and
bench/heldout/ (see README.md).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = {"TRIAL", "AGENT", "N", "AGE", "CR", "MRD", "OS"}
MARK = re.compile(r"\{([A-Z]+)\|([^{}]*)\}")

# --------------------------------------------------------------------------------------
# Documents (markup: {LABEL|text})
# --------------------------------------------------------------------------------------

DOCS: dict[str, str] = {}

# 01 conference abstract; acronym + NCT id; code name; evaluable denominator; CMR, EFS,
# CI and MRD threshold distractors.
DOCS["h2-01-abstract-olverembatinib"] = (
    "Background: {AGENT|Olverembatinib} ({AGENT|HQP1351}) is a third-generation BCR::ABL1 "
    "tyrosine kinase inhibitor. The phase 2 {TRIAL|POLARIS-ALL} study ({TRIAL|NCT05991234}) "
    "combined {AGENT|olverembatinib} with {AGENT|blinatumomab} in adults with newly diagnosed "
    "Philadelphia chromosome-positive ALL. Methods: Of {N|64} enrolled patients, {N|58} were "
    "evaluable for response; the median age was {AGE|49 years} (range {AGE|21–76}). "
    "Results: CR was achieved in {CR|96.6%} of evaluable patients, and complete molecular "
    "response was reached in 71%. MRD negativity by flow cytometry (<0.01%) was {MRD|91.4%}. "
    "With a median follow-up of 22 months, the 2-year OS was {OS|88%} (95% CI 79–97) and the "
    "2-year EFS was 80%. Conclusions: The chemotherapy-free combination was highly active and "
    "well tolerated."
)

# 02 journal trial report, randomised two arms, cooperative-group-style name + number,
# HR/CI/P and RFS distractors, MRD-positive subgroup.
DOCS["h2-02-report-randomised-blinatumomab"] = (
    "In the randomized {TRIAL|NORDALL-1803} trial, {N|312} adults aged 18 to 65 years with "
    "Ph-negative B-ALL were assigned to chemotherapy with (n = {N|156}) or without "
    "(n = {N|156}) two cycles of {AGENT|blinatumomab} consolidation. The median age was "
    "{AGE|41 years}. CR/CRi after induction was {CR|87%} in both arms. At a median follow-up "
    "of 3.1 years, the 3-year OS was {OS|83%} in the {AGENT|blinatumomab} arm and {OS|69%} in "
    "the chemotherapy arm (HR 0.48; 95% CI 0.31–0.74; P = .001), and the 3-year RFS was 76% "
    "versus 58%. Among the {N|26} patients who were MRD positive at the end of consolidation "
    "and received {AGENT|blinatumomab}, {MRD|81%} converted to MRD negativity."
)

# 03 review paragraph comparing trials; names without digits; abbreviation defined in
# the text; population age bound; background median OS; ongoing trial with NCT id.
DOCS["h2-03-review-inotuzumab-older"] = (
    "Several single-arm studies have tested {AGENT|inotuzumab ozogamicin} ({AGENT|InO}) in "
    "the frontline setting for older adults. In the {TRIAL|ELDERA} study, {N|52} patients "
    "with a median age of {AGE|69 years} received {AGENT|InO} with low-intensity "
    "chemotherapy; the CR/CRi rate was {CR|85%} and the 2-year OS was {OS|56%}. The French "
    "{TRIAL|BRIO-OLD} protocol combined {AGENT|InO} with {AGENT|mini-hyper-CVD} in {N|38} "
    "patients aged 60 years or older and reported CR in {CR|89%} and MRD negativity in "
    "{MRD|77%}; OS at 3 years was {OS|47%}. By contrast, intensive chemotherapy alone has "
    "historically given this age group a median OS of {OS|less than 12 months}. The ongoing "
    "{TRIAL|INSIGHT-60} trial ({TRIAL|NCT05112233}) is comparing these approaches."
)

# 04 FDA label "Clinical Studies" section; brand name with generic; randomised vs SOC;
# CR and CR/CRh/CRi both given; median OS with CI and HR.
DOCS["h2-04-label-blinatumomab"] = (
    "14.2 Relapsed or Refractory B-cell Precursor ALL\n\n"
    "The efficacy of {AGENT|BLINCYTO} ({AGENT|blinatumomab}) was evaluated in "
    "{TRIAL|CASCADE-R} ({TRIAL|NCT05550011}), a randomized, open-label study in adult "
    "patients with Philadelphia chromosome-negative relapsed or refractory B-cell precursor "
    "ALL. Patients were randomized 2:1 to receive {AGENT|BLINCYTO} (n = {N|210}) or "
    "investigator's choice of one of four standard-of-care chemotherapy regimens "
    "(n = {N|105}). The median age was {AGE|38 years} (range: {AGE|18 to 79 years}). CR was "
    "achieved by {CR|36%} of {AGENT|BLINCYTO}-treated patients and {CR|17%} of "
    "chemotherapy-treated patients; CR/CRh/CRi was {CR|45%} and {CR|25%}, respectively. "
    "Median OS was {OS|8.1 months} (95% CI: 5.9, 10.2) in the {AGENT|BLINCYTO} arm and "
    "{OS|4.6 months} (95% CI: 3.7, 6.0) in the chemotherapy arm (hazard ratio 0.70; "
    "p = 0.010)."
)

# 05 results paragraph with a tab-separated table; regimen study label; NA cell;
# MRD method from the footnote; OS horizon in the header.
DOCS["h2-05-table-ph-positive"] = (
    "Table 2 summarises recent frontline chemotherapy-free and reduced-intensity regimens "
    "for Ph-positive ALL.\n\n"
    "Study\tRegimen\tN\tMedian age (range)\tCR, %\tMRD-negative, %\t3-year OS, %\n"
    "{TRIAL|PHANTOM-2}\t{AGENT|Ponatinib} + {AGENT|blinatumomab}\t{N|44}\t{AGE|55 (24–81)}"
    "\t{CR|95}\t{MRD|82}\t{OS|91}\n"
    "{TRIAL|STELLA-Ph}\t{AGENT|Asciminib} + {AGENT|dasatinib}\t{N|31}\t{AGE|47 (19–70)}"
    "\t{CR|100}\tNA\t{OS|88}\n"
    "{AGENT|Hyper-CVAD-ponatinib}\t{AGENT|Hyper-CVAD} + {AGENT|ponatinib}\t{N|86}"
    "\t{AGE|47 (21–75)}\t{CR|98}\t{MRD|86}\t{OS|80}\n\n"
    "MRD was assessed by flow cytometry (sensitivity 10⁻⁴) in all studies. NA, not available."
)

# 06 pediatric-inspired AYA protocol report; population age bounds; BFM-based regimen;
# registered vs eligible; PCR MRD; EFS distractor; age subgroups with OS.
DOCS["h2-06-aya-protocol"] = (
    "The {TRIAL|AYA-BRIDGE} protocol enrolled adolescents and young adults aged 15 to 39 "
    "years with Ph-negative ALL and treated them with a pediatric-inspired "
    "{AGENT|BFM}-based regimen including {AGENT|pegaspargase} (2,500 IU/m²). Between 2016 and "
    "2021, {N|178} patients were registered, of whom {N|171} were eligible; the median age was "
    "{AGE|24 years}. After induction, {CR|94.7%} achieved CR, and {MRD|73%} were MRD negative "
    "(<10⁻⁴ by PCR for Ig/TCR rearrangements) at the end of consolidation. Five-year EFS was "
    "67% and 5-year OS was {OS|74%}. Patients aged 30 to 39 years had a 5-year OS of "
    "{OS|61%}, compared with {OS|80%} for those younger than 30 years."
)

# 07 real-world retrospective cohort; brand name; consortium that only says where data
# come from; prior therapy; TKIs as a class; NGS MRD; rate + median OS; RFS distractor.
DOCS["h2-07-realworld-brexu"] = (
    "We retrospectively analysed adults who received {AGENT|brexucabtagene autoleucel} "
    "({AGENT|Tecartus}) for relapsed or refractory B-ALL; data were collected by the US "
    "Lymphoblastic CAR Consortium across 31 centres. Of {N|189} patients who underwent "
    "leukapheresis, {N|176} were infused; the median age was {AGE|46 years} (range "
    "{AGE|18–81}), and 40% had received prior {AGENT|blinatumomab} and 52% prior "
    "{AGENT|inotuzumab}. Among infused patients, the CR/CRi rate was {CR|88.6%}, and "
    "{MRD|79%} of responders with available data were MRD negative by NGS (10⁻⁶). "
    "Ph-positive patients (n = 52) resumed TKIs after infusion in 60% of cases. The 1-year "
    "OS was {OS|72%} and the median OS was {OS|27.4 months}; the 1-year RFS was 55%."
)

# 08 journal report; number word as N; population bound; ORR distractor; several OS
# horizons in one "respectively" list; maintenance agent.
DOCS["h2-08-report-older-mini"] = (
    "Between 2017 and 2023, {N|eighty-four} patients aged 60 years or older with newly "
    "diagnosed Ph-negative B-ALL were treated on the {TRIAL|SENIOR-MINI} trial with "
    "{AGENT|mini-hyper-CVD} plus {AGENT|inotuzumab ozogamicin}, followed by "
    "{AGENT|blinatumomab} consolidation and {AGENT|POMP} maintenance. The median age was "
    "{AGE|68 years} (range, {AGE|60–84}). The overall response rate was 98%, with CR in "
    "{CR|87%}; MRD negativity by six-color flow cytometry was achieved in {MRD|95%} of "
    "responders. The 2-, 3- and 5-year OS rates were {OS|66%}, {OS|58%} and {OS|47%}, "
    "respectively. Early mortality at 4 weeks was 1%."
)

# 09 conference abstract, CAR T with stated target; enrolled vs infused; 18-month horizon;
# CI, EFS, HR, p and blast-threshold distractors; subgroups.
DOCS["h2-09-abstract-car19"] = (
    "Methods: In this phase 1/2 trial ({TRIAL|ARC-19}; {TRIAL|NCT05770213}), adults with "
    "relapsed or refractory B-ALL received {AGENT|CD19 CAR T cells} manufactured at the "
    "point of care. Results: Of {N|120} enrolled, {N|112} were infused; the median age was "
    "{AGE|35 years} (range {AGE|18–70}). The CR/CRi rate at day 28 was {CR|83%}, and "
    "{MRD|92%} of responders were MRD-negative by flow cytometry at a sensitivity of 10⁻⁴. "
    "At 18 months, OS was {OS|61%} (95% CI 52–70) and EFS was 43%; the median OS was "
    "{OS|31.5 months}. Patients with a marrow blast burden ≥ 25% before lymphodepletion had "
    "an 18-month OS of {OS|45%} versus {OS|70%} for those with a lower burden (HR 2.1, "
    "p = .01). Conclusions: Point-of-care CAR T manufacturing is feasible and effective."
)

# 10 review paragraph; TKIs named individually and as a class; randomised arms both with
# an agent; MRD-negative CR; DFS distractor.
DOCS["h2-10-review-tki-choice"] = (
    "For Ph-positive ALL, the choice of TKI matters. In the randomized {TRIAL|ASCEND-Ph} "
    "trial, {AGENT|ponatinib} (n = {N|164}) was compared with {AGENT|imatinib} "
    "(n = {N|81}), both with reduced-intensity chemotherapy; MRD-negative CR at the end of "
    "induction was {MRD|34.4%} versus {MRD|16.7%}, while the overall CR rate was similar "
    "({CR|93%} vs {CR|91%}). In the single-arm {TRIAL|DASAL-2} study, {AGENT|dasatinib} plus "
    "{AGENT|prednisone} induced CR in {CR|100%} of {N|60} patients (median age "
    "{AGE|54 years}), with a 3-year OS of {OS|64%}. Second-generation TKIs such as "
    "{AGENT|nilotinib} and {AGENT|bosutinib} have been studied less extensively, and across "
    "TKIs the 5-year DFS remains below 50% without transplantation."
)

# 11 EMA SmPC "Clinical efficacy" style; brand + generic; randomised; n = ; MRD threshold;
# HR distractor.
DOCS["h2-11-label-inotuzumab"] = (
    "Clinical efficacy and safety\n\n"
    "Study {TRIAL|ICE-B} was a randomised, open-label, multicentre study in {N|298} adult "
    "patients with relapsed or refractory CD22-positive B-cell precursor ALL, who were "
    "randomised 1:1 to {AGENT|BESPONSA} ({AGENT|inotuzumab ozogamicin}; n = {N|150}) or "
    "investigator's choice of chemotherapy (n = {N|148}). The median age was "
    "{AGE|45 years} (range {AGE|18–79}). CR/CRi was achieved by {CR|76.0%} of patients in "
    "the {AGENT|BESPONSA} arm and {CR|31.1%} in the chemotherapy arm (p < 0.0001). Among "
    "patients with CR/CRi, MRD negativity (< 1 × 10⁻⁴ blasts) was {MRD|75.4%} and "
    "{MRD|30.4%}, respectively. Median OS was {OS|7.9 months} with {AGENT|BESPONSA} versus "
    "{OS|6.4 months} with chemotherapy (HR 0.74)."
)

# 12 journal results paragraph; regimen with spelled-out components; T-ALL; prior-agent
# count; "x of y" denominator; event counts.
DOCS["h2-12-report-venetoclax-flagida"] = (
    "In the phase 2 {TRIAL|VENT-T} study, {N|27} adults with relapsed or refractory T-ALL or "
    "T-LBL received {AGENT|venetoclax} combined with {AGENT|FLAG-IDA} ({AGENT|fludarabine}, "
    "{AGENT|cytarabine}, {AGENT|G-CSF} and {AGENT|idarubicin}); the median age was "
    "{AGE|33 years}. Nine patients had received prior {AGENT|nelarabine}. The CR/CRi rate was "
    "{CR|59%} (16 of {N|27}), and {MRD|63%} of responders achieved MRD negativity by "
    "multiparameter flow cytometry. Eleven patients proceeded to allogeneic SCT. The median "
    "OS was {OS|9.6 months}, and the 1-year OS was {OS|41%}."
)

# 13 real-world comparison of two regimens; population bound; regimen named after a
# cooperative-group trial; "respectively" medians; EFS, p and toxicity distractors.
DOCS["h2-13-realworld-aya-regimens"] = (
    "We compared outcomes of AYAs (aged 18–39 years) with Ph-negative ALL treated at two "
    "academic centres between 2012 and 2022 with either {AGENT|hyper-CVAD} (n = {N|71}) or "
    "the {AGENT|CALGB 10403} regimen (n = {N|58}). Median ages were {AGE|29} and "
    "{AGE|24 years}, respectively. CR rates were {CR|92%} and {CR|90%}. OS at 3 years was "
    "{OS|71%} with {AGENT|hyper-CVAD} and {OS|75%} with the {AGENT|CALGB 10403} regimen "
    "(p = 0.54), whereas 3-year EFS was 60% and 59%. Grade ≥3 hepatotoxicity occurred in "
    "12% and 28% of patients."
)

# 14 pediatric/AYA CAR T report; trial name without digits; code name; CR and CRi given
# separately; NGS MRD at 1e-6; two OS horizons; "not reached".
DOCS["h2-14-pediatric-tisagenlecleucel"] = (
    "Children, adolescents and young adults up to 25 years of age with second or later "
    "relapse were treated with {AGENT|tisagenlecleucel} ({AGENT|CTL019}) in the multicentre "
    "{TRIAL|PANDORA} study. Of {N|96} patients enrolled, {N|79} were infused (median age "
    "{AGE|12 years}; range, {AGE|3–24}). CR/CRi within 3 months was {CR|82%} (CR {CR|63%}, "
    "CRi {CR|19%}). Among responders, MRD negativity by NGS at 10⁻⁶ was {MRD|71%}. The "
    "12-month OS was {OS|77%} and the 24-month OS {OS|66%}; the median OS was not reached."
)

# 15 conference abstract; "the X study" name without digits; number word; age
# subgroups with n and CR; median + 2-year OS.
DOCS["h2-15-abstract-older-blinatumomab"] = (
    "Methods: The {TRIAL|Golden Years} study enrolled {N|forty-five} adults aged 65 years or "
    "older with newly diagnosed Ph-negative B-ALL to receive {AGENT|blinatumomab} alternating "
    "with reduced-dose {AGENT|POMP}. Results: The median age was {AGE|74 years} (range "
    "{AGE|65–88}). CR was {CR|76%} overall: {CR|83%} in patients aged 65–74 years "
    "(n = {N|24}) and {CR|67%} in those aged 75 years or older (n = {N|21}). MRD negativity "
    "among patients in CR was {MRD|88%}. The median OS was {OS|15.3 months}, and the "
    "2-year OS was {OS|41%}. Conclusions: Chemotherapy-light induction is feasible in the "
    "oldest patients."
)

# 16 journal report; Ph-like; brand name; molecular subgroups with n and OS; JAK
# inhibitors as a class; background OS range; DFS distractor.
DOCS["h2-16-report-ph-like"] = (
    "In the {TRIAL|ROSALIND-22} study, {N|40} adults with Ph-like ALL harbouring JAK–STAT "
    "lesions received {AGENT|hyper-CVAD} plus {AGENT|ruxolitinib} ({AGENT|Jakafi}) during "
    "consolidation. The CR rate was {CR|90%}, and MRD negativity by flow cytometry after two "
    "cycles was {MRD|58%}. With a median follow-up of 26 months, the 2-year OS was {OS|63%} "
    "and the 2-year DFS 49%. Patients with CRLF2 rearrangement (n = {N|27}) had a 2-year OS "
    "of {OS|56%}, and those with other JAK-pathway lesions (n = {N|13}) one of {OS|77%}. "
    "Historically, JAK inhibitors added to chemotherapy have not improved on the OS of "
    "{OS|20–35%} reported for this subtype."
)

# 17 review paragraph; cooperative-group-style id; randomised MRD-negative patients;
# 5-year OS and median; "not reached"; age-bounded subgroup with both arms.
DOCS["h2-17-review-mrdneg-randomised"] = (
    "The Eastern Intergroup trial {TRIAL|EIG 4417} randomised {N|224} MRD-negative patients "
    "in CR after intensive chemotherapy to continue chemotherapy with (n = {N|112}) or "
    "without (n = {N|112}) {AGENT|blinatumomab}. The 5-year OS was {OS|82.4%} versus "
    "{OS|62.5%} (HR 0.42), and the median OS was not reached in the {AGENT|blinatumomab} arm "
    "versus {OS|71.1 months} in the chemotherapy arm. Among patients aged 55 years or older, "
    "the benefit was smaller (5-year OS {OS|64%} vs {OS|52%})."
)

# --------------------------------------------------------------------------------------
# Rows (spec columns; evidence given as (first words, last words) of a contiguous span)
# --------------------------------------------------------------------------------------

FIELDS = ["doc_id", "source", "trial", "agents", "subgroup", "n", "age_median", "age_min",
          "age_max", "cr_pct", "mrd_neg_pct", "mrd_method", "os_pct", "os_years",
          "os_median_months", "evidence"]


def R(doc, ev, source="text", **kw):
    return {"doc_id": doc, "source": source, "ev": ev, **kw}


ROWS = [
    # 01
    # spec §2.1: every size gets a row (added with the §2.1 conventions, after the blind pass)
    R("h2-01-abstract-olverembatinib", ("Of 64 enrolled", "58 were evaluable for response;"),
      trial="POLARIS-ALL", n=64),
    R("h2-01-abstract-olverembatinib", ("Of 64 enrolled", "2-year EFS was 80%."),
      trial="POLARIS-ALL", agents="blinatumomab;olverembatinib", n=58, age_median=49,
      age_min=21, age_max=76, cr_pct=96.6, mrd_neg_pct=91.4, mrd_method="flow", os_pct=88,
      os_years=2),
    # 02 randomised: one row per arm; the whole-population median age goes to each arm
    R("h2-02-report-randomised-blinatumomab", ("In the randomized", "blinatumomab consolidation."),
      trial="NORDALL-1803", n=312),
    R("h2-02-report-randomised-blinatumomab", ("In the randomized", "(HR 0.48; 95% CI 0.31–0.74; P = .001), and the 3-year RFS was 76% versus 58%."),
      trial="NORDALL-1803", agents="blinatumomab", n=156, age_median=41, cr_pct=87,
      os_pct=83, os_years=3),
    R("h2-02-report-randomised-blinatumomab", ("In the randomized", "(HR 0.48; 95% CI 0.31–0.74; P = .001), and the 3-year RFS was 76% versus 58%."),
      trial="NORDALL-1803", subgroup="chemotherapy arm", n=156, age_median=41, cr_pct=87,
      os_pct=69, os_years=3),
    R("h2-02-report-randomised-blinatumomab", ("Among the 26 patients", "converted to MRD negativity."),
      trial="NORDALL-1803", agents="blinatumomab", subgroup="MRD-positive after consolidation",
      n=26, mrd_neg_pct=81),
    # 03
    R("h2-03-review-inotuzumab-older", ("In the ELDERA study", "the 2-year OS was 56%."),
      trial="ELDERA", agents="inotuzumab", n=52, age_median=69, cr_pct=85, os_pct=56,
      os_years=2),
    R("h2-03-review-inotuzumab-older", ("The French BRIO-OLD", "OS at 3 years was 47%."),
      trial="BRIO-OLD", agents="inotuzumab;mini-hyper-cvd", n=38, cr_pct=89, mrd_neg_pct=77,
      os_pct=47, os_years=3),
    # 04 label, randomised
    R("h2-04-label-blinatumomab", ("Patients were randomized 2:1", "in the chemotherapy arm (hazard ratio 0.70; p = 0.010)."),
      trial="CASCADE-R", agents="blinatumomab", n=210, age_median=38, age_min=18, age_max=79,
      cr_pct=36, os_median_months=8.1),
    R("h2-04-label-blinatumomab", ("Patients were randomized 2:1", "in the chemotherapy arm (hazard ratio 0.70; p = 0.010)."),
      trial="CASCADE-R", subgroup="chemotherapy arm", n=105, age_median=38, age_min=18,
      age_max=79, cr_pct=17, os_median_months=4.6),
    # 05 table rows (source table; evidence = TSV line; method from footnote; horizon from header)
    # spec §2.1 composite remission rates: each arm's composite in a row of its own
    R("h2-04-label-blinatumomab", ("CR was achieved by 36%", "45% and 25%, respectively."),
      trial="CASCADE-R", agents="blinatumomab", subgroup="CR/CRh/CRi", n=210, cr_pct=45),
    R("h2-04-label-blinatumomab", ("CR was achieved by 36%", "45% and 25%, respectively."),
      trial="CASCADE-R", subgroup="chemotherapy arm, CR/CRh/CRi", n=105, cr_pct=25),
    R("h2-05-table-ph-positive", "PHANTOM-2\tPonatinib + blinatumomab\t44\t55 (24–81)\t95\t82\t91", source="table",
      trial="PHANTOM-2", agents="blinatumomab;ponatinib", n=44, age_median=55, age_min=24,
      age_max=81, cr_pct=95, mrd_neg_pct=82, mrd_method="flow", os_pct=91, os_years=3),
    R("h2-05-table-ph-positive", "STELLA-Ph\tAsciminib + dasatinib\t31\t47 (19–70)\t100\tNA\t88", source="table",
      trial="STELLA-Ph", agents="asciminib;dasatinib", n=31, age_median=47, age_min=19,
      age_max=70, cr_pct=100, os_pct=88, os_years=3),
    R("h2-05-table-ph-positive", "Hyper-CVAD-ponatinib\tHyper-CVAD + ponatinib\t86\t47 (21–75)\t98\t86\t80", source="table",
      trial="", agents="hyper-cvad;ponatinib", n=86, age_median=47, age_min=21, age_max=75,
      cr_pct=98, mrd_neg_pct=86, mrd_method="flow", os_pct=80, os_years=3),
    # 06
    R("h2-06-aya-protocol", ("Between 2016 and 2021", "171 were eligible;"),
      trial="AYA-BRIDGE", n=178),
    R("h2-06-aya-protocol", ("The AYA-BRIDGE protocol", "5-year OS was 74%."),
      trial="AYA-BRIDGE", agents="bfm;pegaspargase", n=171, age_median=24, cr_pct=94.7,
      mrd_neg_pct=73, mrd_method="pcr", os_pct=74, os_years=5),
    R("h2-06-aya-protocol", ("Patients aged 30 to 39", "younger than 30 years."),
      trial="AYA-BRIDGE", agents="bfm;pegaspargase", subgroup="aged 30–39 years", os_pct=61,
      os_years=5),
    R("h2-06-aya-protocol", ("Patients aged 30 to 39", "younger than 30 years."),
      trial="AYA-BRIDGE", agents="bfm;pegaspargase", subgroup="<30 years", os_pct=80,
      os_years=5),
    # 07 real-world: no trial; rate and median in one row
    R("h2-07-realworld-brexu", ("Of 189 patients", "176 were infused;"),
      agents="brexucabtagene autoleucel", subgroup="underwent leukapheresis", n=189),
    R("h2-07-realworld-brexu", ("We retrospectively analysed", "the 1-year RFS was 55%."),
      agents="brexucabtagene autoleucel", n=176, age_median=46, age_min=18, age_max=81,
      cr_pct=88.6, mrd_neg_pct=79, mrd_method="ngs", os_pct=72, os_years=1,
      os_median_months=27.4),
    # 08 several horizons -> one row each; first carries the cohort values
    R("h2-08-report-older-mini", ("Between 2017 and 2023", "and 47%, respectively."),
      trial="SENIOR-MINI", agents="blinatumomab;inotuzumab;mini-hyper-cvd;pomp", n=84,
      age_median=68, age_min=60, age_max=84, cr_pct=87, mrd_neg_pct=95, mrd_method="flow",
      os_pct=66, os_years=2),
    R("h2-08-report-older-mini", ("The 2-, 3- and 5-year OS", "and 47%, respectively."),
      trial="SENIOR-MINI", agents="blinatumomab;inotuzumab;mini-hyper-cvd;pomp", os_pct=58,
      os_years=3),
    R("h2-08-report-older-mini", ("The 2-, 3- and 5-year OS", "and 47%, respectively."),
      trial="SENIOR-MINI", agents="blinatumomab;inotuzumab;mini-hyper-cvd;pomp", os_pct=47,
      os_years=5),
    # 09
    R("h2-09-abstract-car19", ("Results: Of 120 enrolled", "112 were infused;"),
      trial="ARC-19", n=120),
    R("h2-09-abstract-car19", ("Methods: In this phase 1/2", "the median OS was 31.5 months."),
      trial="ARC-19", agents="cd19 car t cells", n=112, age_median=35, age_min=18, age_max=70,
      cr_pct=83, mrd_neg_pct=92, mrd_method="flow", os_pct=61, os_years=1.5,
      os_median_months=31.5),
    R("h2-09-abstract-car19", ("Patients with a marrow blast", "p = .01)."),
      trial="ARC-19", agents="cd19 car t cells", subgroup="marrow blasts ≥ 25%", os_pct=45,
      os_years=1.5),
    R("h2-09-abstract-car19", ("Patients with a marrow blast", "p = .01)."),
      trial="ARC-19", agents="cd19 car t cells", subgroup="marrow blasts < 25%", os_pct=70,
      os_years=1.5),
    # 10 randomised, both arms with an agent: subgroup empty for both
    R("h2-10-review-tki-choice", ("In the randomized ASCEND-Ph", "(93% vs 91%)."),
      trial="ASCEND-Ph", agents="ponatinib", n=164, cr_pct=93, mrd_neg_pct=34.4),
    R("h2-10-review-tki-choice", ("In the randomized ASCEND-Ph", "(93% vs 91%)."),
      trial="ASCEND-Ph", agents="imatinib", n=81, cr_pct=91, mrd_neg_pct=16.7),
    R("h2-10-review-tki-choice", ("In the single-arm DASAL-2", "3-year OS of 64%."),
      trial="DASAL-2", agents="dasatinib;prednisone", n=60, age_median=54, cr_pct=100,
      os_pct=64, os_years=3),
    # 11 SmPC, randomised
    R("h2-11-label-inotuzumab", ("Study ICE-B was", "(n = 148)."),
      trial="ICE-B", n=298),
    R("h2-11-label-inotuzumab", ("Study ICE-B was", "(HR 0.74)."),
      trial="ICE-B", agents="inotuzumab", n=150, age_median=45, age_min=18, age_max=79,
      cr_pct=76.0, mrd_neg_pct=75.4, os_median_months=7.9),
    R("h2-11-label-inotuzumab", ("Study ICE-B was", "(HR 0.74)."),
      trial="ICE-B", subgroup="chemotherapy arm", n=148, age_median=45, age_min=18,
      age_max=79, cr_pct=31.1, mrd_neg_pct=30.4, os_median_months=6.4),
    # 12 regimen components not row agents; prior nelarabine not a row agent
    R("h2-12-report-venetoclax-flagida", ("In the phase 2 VENT-T", "the 1-year OS was 41%."),
      trial="VENT-T", agents="flag-ida;venetoclax", n=27, age_median=33, cr_pct=59,
      mrd_neg_pct=63, mrd_method="flow", os_pct=41, os_years=1, os_median_months=9.6),
    # 13 two regimens, no trial (CALGB 10403 used as a regimen name)
    R("h2-13-realworld-aya-regimens", ("We compared outcomes", "with the CALGB 10403 regimen (p = 0.54), whereas 3-year EFS was 60% and 59%."),
      agents="hyper-cvad", n=71, age_median=29, cr_pct=92, os_pct=71, os_years=3),
    R("h2-13-realworld-aya-regimens", ("We compared outcomes", "with the CALGB 10403 regimen (p = 0.54), whereas 3-year EFS was 60% and 59%."),
      agents="calgb 10403", n=58, age_median=24, cr_pct=90, os_pct=75, os_years=3),
    # 14 CR preferred over CR/CRi; two horizons
    R("h2-14-pediatric-tisagenlecleucel", ("Of 96 patients enrolled", "79 were infused"),
      trial="PANDORA", n=96),
    R("h2-14-pediatric-tisagenlecleucel", ("Children, adolescents", "24-month OS 66%; the median OS was not reached."),
      trial="PANDORA", agents="tisagenlecleucel", n=79, age_median=12, age_min=3, age_max=24,
      cr_pct=63, mrd_neg_pct=71, mrd_method="ngs", os_pct=77, os_years=1),
    # spec §2.1 composite remission rates: the composite's own row
    R("h2-14-pediatric-tisagenlecleucel", ("CR/CRi within 3 months", "CRi 19%)."),
      trial="PANDORA", agents="tisagenlecleucel", subgroup="CR/CRi", n=79, cr_pct=82),
    R("h2-14-pediatric-tisagenlecleucel", ("The 12-month OS", "the median OS was not reached."),
      trial="PANDORA", agents="tisagenlecleucel", os_pct=66, os_years=2),
    # 15
    R("h2-15-abstract-older-blinatumomab", ("Methods: The Golden Years", "the 2-year OS was 41%."),
      trial="Golden Years", agents="blinatumomab;pomp", n=45, age_median=74, age_min=65,
      age_max=88, cr_pct=76, mrd_neg_pct=88, os_pct=41, os_years=2, os_median_months=15.3),
    R("h2-15-abstract-older-blinatumomab", ("CR was 76% overall", "or older (n = 21)."),
      trial="Golden Years", agents="blinatumomab;pomp", subgroup="aged 65–74 years", n=24,
      cr_pct=83),
    R("h2-15-abstract-older-blinatumomab", ("CR was 76% overall", "or older (n = 21)."),
      trial="Golden Years", agents="blinatumomab;pomp", subgroup="aged ≥ 75 years", n=21,
      cr_pct=67),
    # 16
    R("h2-16-report-ph-like", ("In the ROSALIND-22 study", "and the 2-year DFS 49%."),
      trial="ROSALIND-22", agents="hyper-cvad;ruxolitinib", n=40, cr_pct=90, mrd_neg_pct=58,
      mrd_method="flow", os_pct=63, os_years=2),
    R("h2-16-report-ph-like", ("Patients with CRLF2", "one of 77%."),
      trial="ROSALIND-22", agents="hyper-cvad;ruxolitinib", subgroup="CRLF2-rearranged", n=27,
      os_pct=56, os_years=2),
    R("h2-16-report-ph-like", ("Patients with CRLF2", "one of 77%."),
      trial="ROSALIND-22", agents="hyper-cvad;ruxolitinib", subgroup="other JAK-pathway lesions",
      n=13, os_pct=77, os_years=2),
    # 17 randomised; subgroup with both arms
    R("h2-17-review-mrdneg-randomised", ("The Eastern Intergroup trial", "blinatumomab."),
      trial="EIG 4417", n=224),
    R("h2-17-review-mrdneg-randomised", ("The Eastern Intergroup trial", "in the chemotherapy arm."),
      trial="EIG 4417", agents="blinatumomab", n=112, os_pct=82.4, os_years=5),
    R("h2-17-review-mrdneg-randomised", ("The Eastern Intergroup trial", "in the chemotherapy arm."),
      trial="EIG 4417", subgroup="chemotherapy arm", n=112, os_pct=62.5, os_years=5,
      os_median_months=71.1),
    R("h2-17-review-mrdneg-randomised", ("Among patients aged 55", "(5-year OS 64% vs 52%)."),
      trial="EIG 4417", agents="blinatumomab", subgroup="aged ≥ 55 years", os_pct=64,
      os_years=5),
    R("h2-17-review-mrdneg-randomised", ("Among patients aged 55", "(5-year OS 64% vs 52%)."),
      trial="EIG 4417", subgroup="aged ≥ 55 years, chemotherapy arm", os_pct=52, os_years=5),
]

# --------------------------------------------------------------------------------------


def parse(marked: str) -> tuple[str, list[dict]]:
    out, spans, pos = [], [], 0
    plain_len = 0
    for m in MARK.finditer(marked):
        chunk = marked[pos:m.start()]
        out.append(chunk)
        plain_len += len(chunk)
        label, text = m.group(1), m.group(2)
        spans.append({"start": plain_len, "end": plain_len + len(text), "label": label,
                      "text": text})
        out.append(text)
        plain_len += len(text)
        pos = m.end()
    out.append(marked[pos:])
    plain = "".join(out)
    assert "{" not in plain and "}" not in plain and "|" not in plain, "stray markup"
    return plain, spans


def check_spans(doc: str, text: str, spans: list[dict]) -> None:
    last_end = -1
    for s in spans:
        assert s["label"] in LABELS, (doc, s)
        assert text[s["start"]:s["end"]] == s["text"], (doc, s)
        assert s["text"] == s["text"].strip() and s["text"], (doc, s)
        assert s["start"] >= last_end, ("overlap", doc, s)
        # token edges: a span neither starts nor ends inside a word
        before = text[s["start"] - 1] if s["start"] else " "
        after = text[s["end"]] if s["end"] < len(text) else " "
        assert not (before.isalnum() and s["text"][0].isalnum()), ("edge", doc, s)
        assert not (after.isalnum() and s["text"][-1].isalnum()), ("edge", doc, s)
        last_end = s["end"]


def evidence(text: str, ev) -> str:
    if isinstance(ev, str):
        assert ev in text, ev
        return ev
    first, last = ev
    i = text.find(first)
    assert i >= 0, first
    j = text.find(last, i)
    assert j >= 0, last
    return text[i:j + len(last)]


def fmt(v) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def main() -> int:
    texts_dir = HERE / "texts"
    texts_dir.mkdir(exist_ok=True)
    plain_by_doc = {}
    with open(HERE / "spans.jsonl", "w", encoding="utf-8") as fh:
        for doc, marked in DOCS.items():
            text, spans = parse(marked)
            check_spans(doc, text, spans)
            plain_by_doc[doc] = text
            (texts_dir / f"{doc}.txt").write_text(text, encoding="utf-8")
            fh.write(json.dumps({"doc_id": doc, "spans": spans}, ensure_ascii=False) + "\n")
    for p in texts_dir.glob("*.txt"):
        assert p.stem in DOCS, f"stale text file {p}"

    out_rows = []
    for r in ROWS:
        doc = r["doc_id"]
        assert doc in plain_by_doc, doc
        text = plain_by_doc[doc]
        row = {k: "" for k in FIELDS}
        for k, v in r.items():
            if k == "ev":
                continue
            assert k in FIELDS, k
            row[k] = fmt(v)
        row["evidence"] = evidence(text, r["ev"])
        assert row["source"] in ("text", "table")
        assert row["trial"] or row["agents"], r
        assert any(row[k] for k in ("n", "cr_pct", "mrd_neg_pct", "os_pct",
                                    "os_median_months")), r
        if row["agents"]:
            parts = row["agents"].split(";")
            assert parts == sorted(set(parts)) and row["agents"] == row["agents"].lower(), r
        assert row["mrd_method"] in ("", "flow", "pcr", "ngs"), r
        if row["trial"]:
            assert row["trial"] in text, r
        # every numeric field is a number
        for k in ("n", "age_median", "age_min", "age_max", "cr_pct", "mrd_neg_pct",
                  "os_pct", "os_years", "os_median_months"):
            if row[k]:
                float(row[k])
        if row["os_pct"]:
            assert row["os_years"], ("rate without horizon", r)
        out_rows.append(row)
    with open(HERE / "rows.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(out_rows)

    n_spans = {}
    for doc, marked in DOCS.items():
        for s in parse(marked)[1]:
            n_spans[s["label"]] = n_spans.get(s["label"], 0) + 1
    print(f"{len(DOCS)} documents, {sum(n_spans.values())} spans "
          f"({', '.join(f'{k} {v}' for k, v in sorted(n_spans.items()))}), "
          f"{len(out_rows)} rows "
          f"({sum(r['source'] == 'text' for r in out_rows)} text, "
          f"{sum(r['source'] == 'table' for r in out_rows)} table)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
