"""review.html: one self-contained page (no server, no network) for checking every row.

The static parts (what needs a look, trials across papers, text <-> table disagreements,
plots, documents) are written here with every text escaped; the rows table and a row's
detail are drawn by the page's script from the rows embedded as JSON, with text set as
text (never parsed as HTML), so a PDF's words cannot inject markup.
"""

from __future__ import annotations

import json
import re
from html import escape

import pandas as pd

from extract.store.records import DocumentEntry


STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:12px 24px}header h1{font-size:20px;margin:0}
header p{margin:4px 0 0;opacity:.85}main{padding:12px 24px;max-width:1500px}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:10px 16px;margin:12px 0}
h2{font-size:16px;margin:4px 0 8px}nav a{color:#fff;margin-right:14px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e5e8ec;padding:3px 6px;
text-align:left;vertical-align:top}th{background:#eef1f5;position:sticky;top:0;cursor:pointer;white-space:nowrap}
#rows tbody tr{cursor:pointer}#rows tbody tr:hover{background:#f0f5ff}#rows tbody tr.open{background:#dbe8ff}
.filters{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:8px;align-items:center}
.filters label{font-size:12px;color:#445}select,input{font-size:13px;padding:2px 4px}
.tablewrap{max-height:460px;overflow:auto;border:1px solid #e5e8ec}
.flag{color:#9b1c1c}.conflict td{background:#fff1f0}.conflict td.value{font-weight:bold;color:#b42318}
#detail{display:none}#detail.shown{display:block}.grid{display:flex;gap:18px;flex-wrap:wrap}
.grid>div{flex:1 1 420px;min-width:320px}.sentence{background:#fafafa;border-left:4px solid #d6a200;
padding:8px 10px;font-size:15px;line-height:1.7}
mark{padding:1px 2px;border-radius:3px;background:#ffe08a}mark .lab{font-size:9px;font-weight:bold;
margin-left:3px;color:#333;vertical-align:super}
mark.CR{background:#b7e4a5}mark.MRD{background:#e3c4d0}mark.OS{background:#bfe0f5}mark.N{background:#ffe08a}
mark.AGE{background:#f1d0c6}mark.AGENT{background:#ffd3a3}mark.TRIAL{background:#d9d2f0}mark.VALUE{background:#ffe08a}
mark.read{outline:2px solid #c0392b}mark.other{opacity:.55}
img.crop{max-width:100%;border:1px solid #ccd;box-shadow:0 1px 3px rgba(0,0,0,.15)}
.muted{color:#667}.pill{display:inline-block;padding:0 6px;border-radius:9px;font-size:11px;background:#eef1f5}
.pill.predicted{background:#eef1f5}.pill.corrected{background:#d1fadf}.pill.rejected{background:#fee4e2}
ul.look li{margin:2px 0}.kind{font-weight:bold;margin-right:6px}.plot svg{max-width:100%;height:auto}
"""

SCRIPT = r"""
const DATA = JSON.parse(document.getElementById('review-data').textContent);
const ROWS = DATA.rows, CROPS = DATA.crops;
const COLS = [['doc_id','document'],['source','source'],['page','page'],['study','study'],['agents','agents'],
  ['subgroup','subgroup'],['n','N'],['age','age'],['cr','CR %'],['mrd','MRD− %'],['os','OS %'],
  ['os_median','OS med (mo)'],['flags','flags'],['status','status']];
const NUMERIC = new Set(['page','n','age','cr','mrd','os','os_median']);
let sortKey = null, sortUp = true, openId = null;
const $ = (id) => document.getElementById(id);
function el(tag, text, cls){const e=document.createElement(tag); if(text!==undefined&&text!==null) e.textContent=String(text); if(cls) e.className=cls; return e;}
function fillSelect(id, values){const s=$(id); for(const v of values){const o=el('option', v); o.value=v; s.appendChild(o);}}
function uniq(key){return [...new Set(ROWS.map(r=>r[key]).filter(v=>v!==''&&v!==null))].sort((a,b)=>String(a).localeCompare(String(b)));}
fillSelect('f-doc', uniq('doc_id')); fillSelect('f-trial', uniq('study')); fillSelect('f-status', uniq('status'));
fillSelect('f-flag', [...new Set(ROWS.flatMap(r=>r.flags))].sort());
function cell(r, key){ if(key==='flags') return r.flags.length? r.flags.length+' flag(s)' : ''; return r[key]===null? '' : r[key]; }
function shown(){
  const doc=$('f-doc').value, trial=$('f-trial').value, flag=$('f-flag').value, status=$('f-status').value,
        q=$('f-text').value.toLowerCase();
  let rows = ROWS.filter(r => (!doc||r.doc_id===doc) && (!trial||r.study===trial) && (!status||r.status===status)
    && (!flag || (flag==='*flagged*' ? r.flags.length>0 : flag==='*clean*' ? r.flags.length===0 : r.flags.includes(flag)))
    && (!q || (r.sentence+' '+r.trial+' '+r.agents+' '+r.subgroup).toLowerCase().includes(q)));
  if(sortKey){ rows = rows.slice().sort((a,b)=>{ let x=cell(a,sortKey), y=cell(b,sortKey);
    if(NUMERIC.has(sortKey)){ x=parseFloat(x); y=parseFloat(y); x=isNaN(x)?-Infinity:x; y=isNaN(y)?-Infinity:y; return sortUp? x-y : y-x; }
    return sortUp? String(x).localeCompare(String(y)) : String(y).localeCompare(String(x)); }); }
  return rows;
}
function draw(){
  const head=$('rows-head'), body=$('rows-body'); head.textContent=''; body.textContent='';
  const tr=el('tr'); for(const [key,title] of COLS){ const th=el('th', title+(sortKey===key?(sortUp?' ▲':' ▼'):''));
    th.dataset.key=key; th.onclick=()=>{ sortUp = sortKey===key ? !sortUp : true; sortKey=key; draw(); }; tr.appendChild(th);} head.appendChild(tr);
  const rows=shown();
  for(const r of rows){ const row=el('tr'); row.dataset.rowId=r.row_id; if(r.row_id===openId) row.className='open';
    for(const [key] of COLS){ const td=el('td', cell(r,key)); if(key==='flags'&&r.flags.length) td.className='flag';
      if(key==='status'){ td.textContent=''; td.appendChild(el('span', r.status, 'pill '+r.status)); } row.appendChild(td);}
    row.onclick=()=>openRow(r.row_id); body.appendChild(row);}
  $('count').textContent = rows.length+' of '+ROWS.length+' rows';
}
function highlighted(text, marks){
  const box=el('div', undefined, 'sentence'); let at=0;
  for(const [s,e,label,read] of marks.slice().sort((a,b)=>a[0]-b[0])){ if(s<at) continue;
    box.appendChild(document.createTextNode(text.slice(at,s))); const m=el('mark', text.slice(s,e), label+(read?' read':' other'));
    m.appendChild(el('span', label==='VALUE'?'':label, 'lab')); box.appendChild(m); at=e; }
  box.appendChild(document.createTextNode(text.slice(at))); return box;
}
function openRow(id){
  openId=id; const r=ROWS.find(x=>x.row_id===id); const d=$('detail'); d.textContent=''; d.className='shown';
  d.appendChild(el('h2', (r.study||r.agents||'(no study)')+' — '+r.doc_id+', page '+(r.page??'?')+' ('+r.source+')'));
  d.appendChild(el('p', 'row '+r.row_id+' · status '+r.status+' · '+r.path, 'muted'));
  const grid=el('div', undefined, 'grid'), left=el('div'), right=el('div'); grid.appendChild(left); grid.appendChild(right); d.appendChild(grid);
  const t=el('table'); t.id='fields'; const h=el('tr'); for(const x of ['field','value','read from']) h.appendChild(el('th',x)); t.appendChild(h);
  for(const [name,value,from] of r.fields){ const row=el('tr'); row.appendChild(el('td',name)); row.appendChild(el('td',value)); row.appendChild(el('td',from,'muted')); t.appendChild(row);}
  left.appendChild(el('h3', 'Values')); left.appendChild(t);
  left.appendChild(el('h3', r.source==='table'?'Table row (cells with a value marked)':'Evidence sentence (outlined: read into this row)'));
  const s=highlighted(r.sentence, r.marks); s.id='sentence'; left.appendChild(s);
  if(r.flags.length){ left.appendChild(el('h3','Validation flags')); const ul=el('ul'); for(const f of r.flags) ul.appendChild(el('li',f,'flag')); left.appendChild(ul);}
  if(r.disagreements.length){ left.appendChild(el('h3','Text ↔ table disagreements')); const ul=el('ul'); for(const f of r.disagreements) ul.appendChild(el('li',f,'flag')); left.appendChild(ul);}
  right.appendChild(el('h3','Page '+(r.page??'?')+' of the PDF'));
  if(r.crop && CROPS[r.crop]){ const img=el('img', undefined, 'crop'); img.id='crop'; img.alt='page '+r.page+' around the evidence';
    img.src='data:image/png;base64,'+CROPS[r.crop]; right.appendChild(img);
    right.appendChild(el('p','yellow: the evidence line · red: the values read into this row','muted')); }
  else right.appendChild(el('p', r.source==='text'&&!r.path.toLowerCase().endsWith('.pdf') ? 'a text input: no page image' : 'no page image (see the notes above the table)', 'muted'));
  draw(); d.scrollIntoView({block:'nearest'});
}
for(const id of ['f-doc','f-trial','f-flag','f-status']) $(id).onchange=draw;
$('f-text').oninput=draw;
draw();
"""


def _json_for_script(data) -> str:
    """JSON safe inside a <script> element: every "<" written as \\u003c, so no text of a
    paper can end the element or open a comment or a script inside it."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def _svg_inline(svg: str) -> str:
    """An SVG file's text as an inline element (its XML prolog and doctype dropped)."""
    return re.sub(r"^.*?(?=<svg)", "", svg, flags=re.DOTALL)


def _needs_look_html(items: list[tuple[str, str, str]], notes: list[str]) -> str:
    if not items and not notes:
        return "<p class='muted'>Nothing: every document was read and gave rows.</p>"
    lines = [f"<li><span class='kind'>{escape(kind)}</span><b>{escape(doc)}</b>: {escape(line)}</li>"
             for kind, doc, line in items]
    lines += [f"<li><span class='kind'>page images</span>{escape(note)}</li>" for note in notes]
    return "<ul class='look' id='needs-look-list'>" + "".join(lines) + "</ul>"


def _cell(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{round(value, 2):g}"
    return escape(str(value))


def _figure(value, page) -> str:
    return f"{_cell(value)} <span class='muted'>p{_cell(page) or '?'}</span>"


def _study_table(group: pd.DataFrame) -> str:
    """One study: a line per (arm, subgroup, measure, horizon), a column per source
    (document and text/table), each cell the figures that source gives."""
    sources = list(dict.fromkeys(zip(group["doc_id"], group["source"])))
    head = "<th>arm</th><th>subgroup</th><th>measure</th>" + "".join(
        f"<th>{escape(doc)}<br><span class='muted'>{escape(source)}</span></th>" for doc, source in sources)
    lines = []
    for (arm, subgroup, measure, horizon), figures in group.groupby(
            ["arm", "subgroup", "measure", "horizon_years"], sort=False, dropna=False):
        by_source = {s: [] for s in sources}
        for _, f in figures.iterrows():
            by_source[(f["doc_id"], f["source"])].append(_figure(f["value"], f["page"]))
        what = f"{escape(measure)}{f' at {_cell(horizon)} y' if not pd.isna(horizon) else ''}"
        cells = "".join(f"<td class='value'>{'<br>'.join(v)}</td>" for v in by_source.values())
        clash = "conflict" if (figures["conflict"] != "").any() else ""
        arm_shown = _cell(str(arm).replace(";", " + "))
        lines.append(f"<tr class='{clash}'><td>{arm_shown}</td><td>{_cell(subgroup)}</td><td>{what}</td>{cells}</tr>")
    return f"<table class='trial'><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def _trials_html(trials: pd.DataFrame, n_conflicts: int) -> str:
    """Studies reported by more than one source, each source's figures side by side."""
    several = trials[trials["n_sources"] > 1]
    if several.empty:
        return "<p class='muted'>No study is reported by more than one source.</p>"
    intro = (f"<p>{several['study'].nunique()} stud(ies) reported by more than one source (a document, or a "
             f"paper's text and its tables), each source a column; {n_conflicts} conflict(s): same study, arm, "
             f"measure and horizon, different values (lines in red). Every figure of every named study: "
             f"trials.csv.</p>")
    parts = [intro]
    for study, group in several.groupby("study", sort=False):
        parts.append(f"<h3>{escape(str(study))}</h3>{_study_table(group)}")
    return "".join(parts)


def _documents_html(documents: list[DocumentEntry]) -> str:
    head = "<tr><th>document</th><th>status</th><th>pages</th><th>entities</th><th>rows</th><th>path</th></tr>"
    # read or failed, not new/changed/unchanged: the page is the same whatever the store's history
    body = "".join(f"<tr><td>{escape(d.doc_id)}</td><td>{'read' if d.ok else escape(d.status)}</td>"
                   f"<td>{d.pages or ''}</td><td>{d.n_entities}</td><td>{d.n_rows}</td><td>{escape(d.path)}</td></tr>"
                   for d in documents)
    return f"<table>{head}{body}</table>"


def review_page(*, records: list[dict], crops: dict[str, str], documents: list[DocumentEntry],
                needs_look: list[tuple[str, str, str]], notes: list[str], trials: pd.DataFrame, n_conflicts: int,
                disagreements: list[str], plots: dict[str, str], key: str = "") -> str:
    """The page's HTML; `key` names the content it was drawn from (see `render.content_key`)."""
    n_flagged = sum(bool(r["flags"]) for r in records)
    ok = [d for d in documents if d.ok]
    plots_html = "".join(f"<div class='plot' id='{escape(name.removesuffix('.svg'))}'>{_svg_inline(svg)}"
                         f"<p class='muted'>also written as {escape(name)}</p></div>" for name, svg in plots.items())
    disagree_html = ("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in disagreements) + "</ul>"
                     if disagreements else "<p class='muted'>None: where a paper's text and its tables report "
                                           "the same cohort, they agree.</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="review-key" content="{escape(key)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence rows — review</title><style>{STYLE}</style></head>
<body><header><h1>Evidence rows — review</h1>
<p>{len(ok)} document(s), {len(records)} rows, {n_flagged} flagged. Click a row to see its values, its sentence
and the page it came from.</p>
<nav><a href="#look">needs a look</a><a href="#rows-section">rows</a><a href="#trials">trials across papers</a>
<a href="#disagreements">text ↔ table</a><a href="#plots">plots</a><a href="#documents">documents</a></nav></header>
<main>
<section id="look"><h2>Needs a look</h2>{_needs_look_html(needs_look, notes)}</section>
<section id="rows-section"><h2>Rows</h2>
<div class="filters">
<label>document <select id="f-doc"><option value="">all</option></select></label>
<label>trial <select id="f-trial"><option value="">all</option></select></label>
<label>flag <select id="f-flag"><option value="">all</option><option value="*flagged*">any flag</option>
<option value="*clean*">no flag</option></select></label>
<label>status <select id="f-status"><option value="">all</option></select></label>
<label>text <input id="f-text" type="search" placeholder="words in the evidence"></label>
<span id="count" class="muted"></span></div>
<div class="tablewrap"><table id="rows"><thead id="rows-head"></thead><tbody id="rows-body"></tbody></table></div>
</section>
<section id="detail"></section>
<section id="trials"><h2>Trials across papers</h2>{_trials_html(trials, n_conflicts)}</section>
<section id="disagreements"><h2>Text ↔ table disagreements</h2>{disagree_html}</section>
<section id="plots"><h2>Plots</h2>{plots_html or "<p class='muted'>No values to plot.</p>"}</section>
<section id="documents"><h2>Documents</h2>{_documents_html(documents)}</section>
</main>
<script type="application/json" id="review-data">{_json_for_script({"rows": records, "crops": crops})}</script>
<script>{SCRIPT}</script>
</body></html>
"""
