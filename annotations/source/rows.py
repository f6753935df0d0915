"""Hand-written gold rows -> annotations/rows.csv.

Each text row names its block and the evidence by its first words and its last words
(the evidence is the contiguous reference text from the one to the other); each table
row names its block and the TSV line by its first cell. Values are typed by hand from
reading the evidence (see annotations/GUIDELINES.md §4–5).

    /work/venv/bin/python annotations/source/rows.py
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from extract.evaluate.gold import read_reference, split_blocks  # noqa: E402
from extract.types import SPEC_COLUMNS  # noqa: E402
from pages import find_page  # noqa: E402

J, S = "jabbour-2023-jho", "sucre-2025-cells"

# (doc, block, evidence-start, evidence-end, fields)
TEXT_ROWS = [
    # ---------------- Jabbour: abstract
    (J, 3, "More recently, a chemotherapy-free regimen", "SCT) in remission.",
     dict(agents="blinatumomab;ponatinib", os_pct=90, os_years=3)),
    (J, 3, "In younger patients with pre-B", "across all risk categories.",
     dict(agents="blinatumomab;inotuzumab", os_pct=85, os_years=3)),
    (J, 3, "In older patients, using less intensive", "5-year survival rate to 50%.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", os_pct=50, os_years=5)),
    # ---------------- Background
    (J, 5, "This dose-intensive regimen resulted", "rate of 40%.",
     dict(agents="hyper-cvad", cr_pct=90, os_pct=40, os_years=5)),
    (J, 5, "The addition of rituximab improved", "younger patients < 60 years [6].",
     dict(agents="hyper-cvad;rituximab", os_pct=50, os_years=3)),
    (J, 5, "The addition of rituximab improved", "younger patients < 60 years [6].",
     dict(agents="hyper-cvad;rituximab", subgroup="younger patients < 60 years",
          os_pct=75, os_years=3)),
    # ---------------- Ph-positive
    (J, 13, "The combination of hyper-CVAD and imatinib", "OS rate of 40% [10].",
     dict(agents="hyper-cvad;imatinib", cr_pct=90, os_pct=40)),
    (J, 13, "The subsequent hyper-CVAD combination", "OS rate of 46% [26].",
     dict(agents="dasatinib;hyper-cvad", cr_pct=96, os_pct=46, os_years=5)),
    (J, 15, "The combination of hyper-CVAD plus ponatinib", "entire cohort was 75%.",
     dict(agents="hyper-cvad;ponatinib", n=86, age_median=46, os_pct=75, os_years=6)),
    (J, 17, "Our group reported retrospectively", "1-year OS rate of 73% [49].",
     dict(agents="blinatumomab", os_pct=73, os_years=1)),
    (J, 17, "The GIMEMA LAL2116 D-ALBA trial treated", "78% and 75%, respectively.",
     dict(trial="GIMEMA LAL2116 D-ALBA", agents="blinatumomab;dasatinib", n=63,
          age_median=54, os_pct=78, os_years=4)),
    (J, 17, "At MD Anderson, we initiated a frontline regimen", "both 95% (Fig. 3A).",
     dict(agents="blinatumomab;ponatinib", n=44, mrd_neg_pct=88, mrd_method="ngs",
          os_pct=95, os_years=3)),
    # ---------------- Ph-negative < 60
    (J, 17, "Among 25 patients who had MRD assessment", "sensitivity level of 10⁻⁶.",
     dict(agents="blinatumomab;ponatinib", subgroup="MRD assessment by NGS", n=25)),
    (J, 22, "The CALGB trial showed", "survival rate of 73%.",
     dict(trial="CALGB", os_pct=73, os_years=3)),
    (J, 23, "In a post hoc analysis from the phase III TOWER", "standard-of-care therapies [68].",
     dict(trial="TOWER", agents="blinatumomab", subgroup="with Ph-like ALL",
          os_median_months=7.9)),
    (J, 23, "In a post hoc analysis from the phase III TOWER", "standard-of-care therapies [68].",
     dict(trial="TOWER", agents="blinatumomab", subgroup="without Ph-like ALL",
          os_median_months=8.4)),
    (J, 23, "In the initial cohort, 38 patients", "The 3-year OS rate was 81%.",
     dict(agents="blinatumomab;hyper-cvad;pomp", subgroup="initial cohort (before amendment)",
          n=38, age_median=37, cr_pct=100, mrd_neg_pct=97, os_pct=81, os_years=3)),
    (J, 23, "Twenty-five patients (median age, 24 years)", "estimated 1-year OS was 100%.",
     dict(agents="blinatumomab;hyper-cvad;inotuzumab", subgroup="after amendment", n=25,
          age_median=24, cr_pct=100, mrd_neg_pct=91, os_pct=100, os_years=1)),
    (J, 23, "Overall, the CR rate was 100% in the entire cohort", "The 3-year OS was 84%,",
     dict(agents="blinatumomab;hyper-cvad;inotuzumab", cr_pct=100, mrd_neg_pct=95,
          os_pct=84, os_years=3)),
    # ---------------- older B-ALL
    (J, 25, "An interim analysis of 80 patients", "28% in patients 70 years and older.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", n=80, age_median=68, cr_pct=89,
          mrd_neg_pct=94, os_pct=47, os_years=5)),
    (J, 25, "The 5-year OS rate was 47%", "28% in patients 70 years and older.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", subgroup="aged 60–69 years",
          os_pct=57, os_years=5)),
    (J, 25, "The 5-year OS rate was 47%", "28% in patients 70 years and older.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", subgroup="aged 70 years and older",
          os_pct=28, os_years=5)),
    (J, 25, "In a propensity score matching analysis", "63% versus 34%) [78].",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", subgroup="propensity-matched",
          os_pct=63, os_years=3)),
    (J, 25, "In a propensity score matching analysis", "63% versus 34%) [78].",
     dict(agents="hyper-cvad", subgroup="dose-adjusted, propensity-matched comparator",
          os_pct=34, os_years=3)),
    (J, 31, "The German Multicenter Study Group on ALL (GMALL)", "survival rate was 77%.",
     dict(trial="German Multicenter Study Group on ALL (GMALL)", agents="inotuzumab", n=45, age_median=64, cr_pct=100,
          mrd_neg_pct=74, os_pct=77, os_years=2)),
    (J, 31, "The EWALL-INO study also showed", "1-year OS rate was 79% [83].",
     dict(trial="EWALL-INO", agents="inotuzumab", n=115, age_median=69, mrd_neg_pct=73,
          os_pct=79, os_years=1)),
    (J, 31, "The Southwest Oncology Group (SWOG) 1318", "3-year OS rate was 37% (Table 2).",
     dict(trial="Southwest Oncology Group (SWOG) 1318", agents="blinatumomab;pomp", n=29,
          cr_pct=66, os_pct=37, os_years=3)),
    # ---------------- Burkitt
    (J, 33, "A study of 30 patients", "90–100%, respectively [87].",
     dict(agents="da-epoch-r;epoch-r", n=30, age_median=33)),
    (J, 33, "Recent data from a multicenter trial in 641", "64% and 70%, respectively.",
     dict(agents="da-epoch", n=641, age_median=47, age_min=18, age_max=88, os_pct=70,
          os_years=3)),
    # ---------------- T-ALL
    (J, 41, "At MD Anderson, we added nelarabine", "5-year OS of 60% [95].",
     dict(agents="asparaginase;hyper-cvad;nelarabine", os_pct=60, os_years=5)),
    (J, 42, "Preliminary results of the combination of venetoclax", "respectively [100].",
     dict(agents="venetoclax", mrd_neg_pct=100)),
    (J, 42, "At MD Anderson, venetoclax was added", "The median OS was 135 months (Fig. 4) [101].",
     dict(agents="hyper-cvad;nelarabine;pegaspargase;venetoclax", os_median_months=135)),
    (J, 44, "Recently, naturally selected CD7 CAR-T cells", "OS rate was 75% [105].",
     dict(agents="cd7 car t cells", n=53, mrd_neg_pct=96, os_pct=75, os_years=1.5)),
    # ---------------- MRD
    (J, 44, "Recently, naturally selected CD7 CAR-T cells", "history of prior allogeneic SCT.",
     dict(agents="cd7 car t cells", subgroup="T-ALL", n=34)),
    (J, 44, "Recently, naturally selected CD7 CAR-T cells", "history of prior allogeneic SCT.",
     dict(agents="cd7 car t cells", subgroup="T-LBL", n=18)),
    (J, 48, "In a European multicenter study", "one course of blinatumomab [67].",
     dict(trial="BLAST", agents="blinatumomab", n=113, mrd_neg_pct=78)),
    (J, 48, "One hundred ten patients", "52% if MRD negativity was achieved.",
     dict(trial="BLAST", agents="blinatumomab", subgroup="Ph-negative, evaluable for survival",
          n=110, os_pct=45, os_years=4, os_median_months=36.5)),
    (J, 48, "One hundred ten patients", "52% if MRD negativity was achieved.",
     dict(trial="BLAST", agents="blinatumomab", subgroup="Ph-negative, MRD negativity achieved",
          os_pct=52, os_years=4)),
    (J, 48, "Favorable results were observed in our pilot study", "3-year OS rate was 67% [67, 116–118].",
     dict(agents="blinatumomab", n=37, age_median=43, mrd_neg_pct=73, os_pct=67, os_years=3)),
    (J, 48, "Among the 19 patients with Ph-negative ALL", "(range, 12 to 92 days).",
     dict(agents="blinatumomab", subgroup="Ph-negative", n=19, mrd_neg_pct=83)),
    (J, 48, "Early intervention with blinatumomab", "treated with MRD ≥ 1 × 10⁻³.",
     dict(agents="blinatumomab", subgroup="MRD < 1 × 10⁻³", os_pct=77, os_years=3)),
    (J, 48, "Early intervention with blinatumomab", "treated with MRD ≥ 1 × 10⁻³.",
     dict(agents="blinatumomab", subgroup="MRD ≥ 1 × 10⁻³", os_pct=61, os_years=3)),
    (J, 49, "Inotuzumab was also evaluated in 20 patients", "patients with Ph-negative ALL.",
     dict(agents="inotuzumab", n=20, mrd_neg_pct=60)),
    (J, 49, "Inotuzumab was also evaluated in 20 patients", "patients with Ph-negative ALL.",
     dict(agents="inotuzumab", subgroup="Ph-negative", n=8, mrd_neg_pct=75)),
    # ---------------- R/R
    (J, 49, "Inotuzumab was also evaluated in 20 patients", "Ph-negative ALL [119].",
     dict(agents="inotuzumab", subgroup="Ph-positive", n=12)),
    (J, 51, "While inotuzumab and blinatumomab were both superior", "25% or less [15, 16].",
     dict(agents="inotuzumab", os_median_months=7.7)),
    (J, 51, "While inotuzumab and blinatumomab were both superior", "25% or less [15, 16].",
     dict(agents="blinatumomab", os_median_months=7.7)),
    (J, 51, "A total of 112 patients", "The 3-year OS rate was 41%.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", n=112, cr_pct=63, mrd_neg_pct=84,
          os_pct=41, os_years=3, os_median_months=17)),
    (J, 51, "A total of 112 patients", "29% in Salvage 2 +.",
     dict(agents="inotuzumab;mini-hyper-cvd", subgroup="without blinatumomab", n=67)),
    (J, 51, "A total of 112 patients", "29% in Salvage 2 +.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", subgroup="with blinatumomab", n=45)),
    (J, 51, "The median OS and 3-year OS were 14 months", "post-amendment, respectively.",
     dict(agents="inotuzumab;mini-hyper-cvd", subgroup="pre-amendment", os_pct=34, os_years=3,
          os_median_months=14)),
    (J, 51, "The median OS and 3-year OS were 14 months", "post-amendment, respectively.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", subgroup="post-amendment",
          os_pct=55, os_years=3, os_median_months=37)),
    (J, 51, "Better outcome was seen in Salvage 1", "51% versus 17%.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", subgroup="Salvage 1", os_pct=51,
          os_years=3)),
    (J, 51, "Better outcome was seen in Salvage 1", "51% versus 17%.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", subgroup="Salvage 2 +", os_pct=17,
          os_years=3)),
    (J, 51, "The median OS was 47 months", "in those who did not, respectively.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", subgroup="allogeneic SCT",
          os_pct=55, os_years=3, os_median_months=47)),
    (J, 51, "The median OS was 47 months", "in those who did not, respectively.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", subgroup="no allogeneic SCT",
          os_pct=48, os_years=3, os_median_months=31)),
    (J, 52, "Among 97 patients (age < 26 years)", "65 (67%) achieved CR.",
     dict(trial="ELIANA", agents="tisagenlecleucel", n=97, cr_pct=67)),
    (J, 52, "In a recent update, the 5-year EFS and OS rates", "respectively [129].",
     dict(trial="ELIANA", agents="tisagenlecleucel", n=66, os_pct=55, os_years=5)),
    (J, 52, "Brexucabtagene autoleucel therapy (71 patients", "median OS of 18.2 months.",
     dict(agents="brexucabtagene autoleucel", n=71, age_median=40, age_min=28, age_max=52,
          mrd_neg_pct=97, os_median_months=18.2)),
    (J, 52, "In a recent update, the median overall survival was 25.4", "disease burden [131].",
     dict(agents="brexucabtagene autoleucel", subgroup="update, evaluable patients",
          os_median_months=25.4)),
    (J, 52, "In a phase I trial, 21 children", "CD22 CAR T cells [136].",
     dict(agents="cd22 car t cells", subgroup="≥ 1 × 10⁶/kg", cr_pct=73)),
    (J, 52, "In a phase I trial, 21 children", "with CD22-targeted CAR T cells.",
     dict(agents="cd22 car t cells", n=21)),
    (J, 52, "Another CD22 CAR T cell product", "MRD negativity of 56% [137].",
     dict(agents="cd22 car t cells", cr_pct=75, mrd_neg_pct=56)),
    (J, 52, "Similar findings were observed with a novel CD22", "at day 28 of the infusion.",
     dict(agents="cd22 car t cells", n=17, cr_pct=77, mrd_neg_pct=59)),
    (J, 52, "Similar findings were observed with a novel CD22", "treatment with CD19 CAR T cells.",
     dict(agents="cd22 car t cells", n=19)),
    (J, 52, "A bispecific CAR product targeting CD19", "respectively [135].",
     dict(agents="cd19-22.bb.z-car", n=17, mrd_neg_pct=100)),
    (J, 60, "In a retrospective analysis of 48 patients", "11% at 12 months.",
     dict(agents="cd19 car t cells", n=48)),
    (J, 60, "Treatment with tisagenlecleucel and huCART19", "CR rate of 97% at Day 28;",
     dict(agents="hucart19;tisagenlecleucel", n=66, cr_pct=97)),
    (J, 64, "The recent trials incorporating blinatumomab", "OS rates above 80%.",
     dict(agents="blinatumomab;inotuzumab", os_pct=80, os_years=3)),
    (J, 64, "In older B-ALL, less intensive chemotherapy", "dose-adjusted Hyper-CVAD).",
     dict(agents="blinatumomab;inotuzumab", os_pct=50, os_years=5)),
    (J, 64, "In older B-ALL, less intensive chemotherapy", "dose-adjusted Hyper-CVAD).",
     dict(agents="hyper-cvad", subgroup="historical comparator (dose-adjusted)", os_pct=25,
          os_years=5)),
    # ================= Sucre
    (S, 25, "In the first-line setting, early data", "85% of patients achieved CR.",
     dict(agents="inotuzumab;mini-hyper-cvd;pomp", cr_pct=85, os_pct=56, os_years=3)),
    (S, 25, "One study in 2022 with older adults", "OS at 63% versus 34%.",
     dict(agents="blinatumomab;inotuzumab;mini-hyper-cvd", cr_pct=98, os_pct=63)),
    (S, 26, "A phase II study combining HyperCVAD", "The OS was 84%,",
     dict(agents="blinatumomab;hyper-cvad;inotuzumab;pomp", cr_pct=100, mrd_neg_pct=91,
          os_pct=84, os_years=3)),
    (S, 28, "The SWOG study 1318", "an EFS of 56%.",
     dict(trial="SWOG study 1318", agents="blinatumomab;pomp", cr_pct=66)),
    (S, 29, "A phase III trial involving adults", "along with chemotherapy.",
     dict(agents="blinatumomab", os_pct=85, os_years=3.583)),
    (S, 33, "One small study evaluated", "and for OS, it was 73%.",
     dict(agents="blinatumomab;dexamethasone;inotuzumab;vincristine", n=14, cr_pct=93,
          mrd_neg_pct=92, os_pct=73, os_years=1)),
    (S, 34, "There is another small case series", "MRD-negative status [14].",
     dict(agents="inotuzumab", n=9)),
    (S, 34, "Out of the nine patients, only six", "sepsis complications);",
     dict(agents="inotuzumab", subgroup="assessed for disease response", n=6)),
    (S, 46, "Achieving CMR was associated", "(38.9 months vs. 12.5 months).",
     dict(agents="blinatumomab", subgroup="CMR achieved", os_median_months=38.9)),
    (S, 46, "Achieving CMR was associated", "(38.9 months vs. 12.5 months).",
     dict(agents="blinatumomab", subgroup="no CMR", os_median_months=12.5)),
    (S, 46, "The median OS for all patients who had hematological", "hematological response.",
     dict(agents="blinatumomab", subgroup="hematological response", os_median_months=36.5)),
    (S, 46, "The median OS for all patients who had hematological", "hematological response.",
     dict(agents="blinatumomab", subgroup="no hematological response", os_median_months=6)),
    (S, 52, "Relapsed T-cell ALL requires", "3-year survival at 11% [26,27].",
     dict(agents="nelarabine", cr_pct=41, os_pct=28, os_years=1)),
    (S, 52, "Relapsed T-cell ALL requires", "3-year survival at 11% [26,27].",
     dict(agents="nelarabine", os_pct=11, os_years=3)),
    (S, 55, "This trial showed a CR rate of 44%", "4.4 months.",
     dict(trial="TOWER", agents="blinatumomab", cr_pct=44, os_median_months=7)),
    (S, 55, "This trial showed a CR rate of 44%", "4.4 months.",
     dict(trial="TOWER", subgroup="chemotherapy arm", cr_pct=25, os_median_months=4.4)),
    (S, 58, "The phase III INO-VATE trial demonstrated", "(78.4% versus 28.1%).",
     dict(trial="INO-VATE", agents="inotuzumab", cr_pct=80.7, mrd_neg_pct=78.4)),
    (S, 58, "The phase III INO-VATE trial demonstrated", "(78.4% versus 28.1%).",
     dict(trial="INO-VATE", subgroup="chemotherapy arm", cr_pct=29.4, mrd_neg_pct=28.1)),
    (S, 58, "A post hoc analysis comparing younger adults", "incidence of SOS.",
     dict(trial="INO-VATE", agents="inotuzumab", subgroup="younger adults (<55 years)",
          cr_pct=70, mrd_neg_pct=79)),
    (S, 58, "A post hoc analysis comparing younger adults", "incidence of SOS.",
     dict(trial="INO-VATE", agents="inotuzumab", subgroup="older adults (>55 years)",
          cr_pct=75, mrd_neg_pct=76)),
    (S, 61, "This multicenter phase II trial involved 71", "with incomplete hematological recovery.",
     dict(trial="ZUMA-3", n=55, age_median=40, cr_pct=56)),
    (S, 61, "This multicenter phase II trial involved 71", "successfully receiving the treatment.",
     dict(trial="ZUMA-3", n=71)),
    (S, 68, "One phase 1/2 study looked at the combination", "rate of 29% [34].",
     dict(agents="mini-hyper-cvd;venetoclax",
          os_pct=29, os_years=1, os_median_months=7.1)),
    (S, 68, "Another recent study also evaluated venetoclax", "relapsed/refractory disease [35].",
     dict(agents="mini-hyper-cvd;venetoclax", subgroup="newly diagnosed", cr_pct=90.9)),
    (S, 68, "Another recent study also evaluated venetoclax", "relapsed/refractory disease [35].",
     dict(agents="mini-hyper-cvd;venetoclax", subgroup="relapsed/refractory", cr_pct=37.5)),
    (S, 70, "The DELPHINUS study investigated", "young adult T-cell ALL.",
     dict(trial="DELPHINUS", agents="daratumumab", subgroup="childhood T-cell ALL", cr_pct=41.7)),
    (S, 70, "The DELPHINUS study investigated", "young adult T-cell ALL.",
     dict(trial="DELPHINUS", agents="daratumumab", subgroup="young adult T-cell ALL", cr_pct=60)),
]

# Table rows: (doc, block, first cell, fields). mrd_method from the table footnotes.
TABLE_ROWS = [
    (J, 27, "Hyper-CVAD-blinatumomab [70]", dict(agents="blinatumomab;hyper-cvad", n=38,
        age_median=37, age_min=17, age_max=59, cr_pct=100, mrd_neg_pct=97, mrd_method="flow",
        os_pct=81, os_years=3)),
    (J, 27, "Hyper-CVAD-blinatumomab-inotuzumab [70]", dict(agents="blinatumomab;hyper-cvad;inotuzumab",
        n=25, age_median=24, age_min=18, age_max=47, cr_pct=100, mrd_neg_pct=91,
        mrd_method="flow", os_pct=100, os_years=1)),
    (J, 27, "GIMEMA LAL1913 [73]", dict(trial="GIMEMA LAL1913", agents="blinatumomab", n=149,
        age_median=41, age_min=18, age_max=65, cr_pct=90, mrd_neg_pct=96, mrd_method="pcr",
        os_pct=84, os_years=1)),
    (J, 27, "GRAALL-2014-Quest [72]", dict(trial="GRAALL-2014-Quest", agents="blinatumomab",
        n=95, age_median=35, age_min=18, age_max=60, mrd_neg_pct=74, mrd_method="pcr",
        os_pct=92, os_years=1.5)),
    (J, 27, "Low-intensity-blinatumomab [71]", dict(agents="blinatumomab", n=30, age_median=52,
        age_min=40, age_max=66, cr_pct=100, mrd_neg_pct=83, mrd_method="pcr", os_pct=69,
        os_years=2)),
    (J, 35, "Mini-Hyper-CVD-Inotuzumab-blinatumomab [81]", dict(
        agents="blinatumomab;inotuzumab;mini-hyper-cvd", n=80, age_median=68, age_min=60,
        age_max=87, cr_pct=89, mrd_neg_pct=94, mrd_method="flow", os_pct=47, os_years=5)),
    (J, 35, "SWOG-1318 [84]", dict(trial="SWOG-1318", agents="blinatumomab", n=29, age_median=73,
        age_min=66, age_max=86, cr_pct=66, mrd_neg_pct=92, mrd_method="flow", os_pct=37,
        os_years=3)),
    (J, 35, "EWALL-INO [83]", dict(trial="EWALL-INO", agents="inotuzumab", n=115, age_median=69,
        age_min=55, age_max=84, cr_pct=79, mrd_neg_pct=73, mrd_method="flow", os_pct=79,
        os_years=1)),
    (J, 35, "GMALL Bold [144]", dict(trial="GMALL Bold", agents="blinatumomab", n=34,
        age_median=65, age_min=56, age_max=76, cr_pct=76, mrd_neg_pct=69, mrd_method="pcr",
        os_pct=89, os_years=1)),
    (J, 35, "INITIAL-1 [82]", dict(trial="INITIAL-1", agents="inotuzumab", n=45, age_median=64,
        age_min=56, age_max=80, cr_pct=100, mrd_neg_pct=74, mrd_method="pcr", os_pct=77,
        os_years=2)),
    (J, 54, "INO-VATE [151]", dict(trial="INO-VATE", agents="inotuzumab", n=164, age_median=47,
        age_min=18, age_max=78, cr_pct=74, mrd_neg_pct=71, mrd_method="flow", os_pct=20.3,
        os_years=3, os_median_months=7.7)),
    (J, 54, "TOWER [15]", dict(trial="TOWER", agents="blinatumomab", n=271, age_median=41,
        age_min=18, age_max=80, cr_pct=34, mrd_neg_pct=76, mrd_method="",
        os_median_months=7.7)),
    (J, 54, "ELIANA [129]", dict(trial="ELIANA", agents="tisagenlecleucel", n=97, age_median=11,
        age_min=3, age_max=24, cr_pct=66, mrd_neg_pct=98, mrd_method="flow", os_pct=55,
        os_years=5)),
    (J, 54, "KTE-X19 [131]", dict(agents="brexucabtagene autoleucel", n=71, age_median=40,
        age_min=28, age_max=52, cr_pct=44, mrd_neg_pct=97, mrd_method="flow",
        os_median_months=25.4)),
    (J, 54, "MDACC [124]", dict(trial="MDACC", agents="inotuzumab;mini-hyper-cvd", n=67,
        age_median=34, age_min=17, age_max=87, cr_pct=60, mrd_neg_pct=82, mrd_method="flow",
        os_pct=34, os_years=3, os_median_months=14)),
    (J, 54, "MDACC [123]", dict(trial="MDACC", agents="blinatumomab;inotuzumab;mini-hyper-cvd",
        n=45, age_median=42, age_min=18, age_max=79, cr_pct=67, mrd_neg_pct=85,
        mrd_method="flow", os_pct=55, os_years=3, os_median_months=37)),
]


def _blocks(doc):
    return {b.index: b.text for b in split_blocks(doc, read_reference(doc))}


def text_evidence(doc, block, start, end):
    text = _blocks(doc)[block]
    if text.count(start) != 1:
        raise SystemExit(f"{doc} block {block}: evidence start {start!r} found {text.count(start)}x")
    i = text.index(start)
    j = text.find(end, i)
    if j < 0:
        raise SystemExit(f"{doc} block {block}: evidence end {end!r} not after start")
    return text[i:j + len(end)]


def table_evidence(doc, block, first_cell):
    lines = [l for l in _blocks(doc)[block].split("\n") if l.split("\t")[0] == first_cell]
    if len(lines) != 1:
        raise SystemExit(f"{doc} block {block}: table row {first_cell!r} found {len(lines)}x")
    return lines[0]


def build_rows():
    rows = []
    for doc, block, a, b, f in TEXT_ROWS:
        ev = text_evidence(doc, block, a, b)
        rows.append(dict(doc_id=doc, source="text", page=find_page(doc, ev), evidence=ev, **f))
    for doc, block, cell, f in TABLE_ROWS:
        ev = table_evidence(doc, block, cell)
        rows.append(dict(doc_id=doc, source="table", page=find_page(doc, ev), evidence=ev, **f))
    return rows


def main():
    out = HERE.parent / "rows.csv"
    rows = build_rows()
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(SPEC_COLUMNS))
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in SPEC_COLUMNS})
    print(f"{out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
