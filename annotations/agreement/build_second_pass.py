"""Resolve hand-written second-pass span texts to block-relative offsets."""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ANN = os.path.dirname(HERE)

def bounded(text, s, e):
    # token boundary on the alnum level: no alnum char glued on either side
    ok_l = s == 0 or not text[s - 1].isalnum()
    ok_r = e == len(text) or not text[e].isalnum()
    return ok_l and ok_r

def find_all(hay, needle):
    out, i = [], hay.find(needle)
    while i >= 0:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out

def main():
    sample = json.load(open(os.path.join(HERE, "sample.json")))
    src = json.load(open(os.path.join(HERE, "second_pass_source.json")))
    keys = [f"{d['doc_id']}/{d['block']}" for d in sample]
    assert set(keys) == set(src), (set(keys) ^ set(src))
    lines = []
    for d in sample:
        doc, b = d["doc_id"], d["block"]
        full = open(os.path.join(ANN, "text", f"{doc}.reference.txt"), encoding="utf-8").read()
        blocks = full.split("\n\n")
        text = blocks[b]
        offset = sum(len(x) + 2 for x in blocks[:b])
        assert full[offset:offset + len(text)] == text
        spans = []
        for stext, label, ctx in src[f"{doc}/{b}"]:
            if ctx is None:
                hits = [i for i in find_all(text, stext) if bounded(text, i, i + len(stext))]
                if len(hits) != 1:
                    sys.exit(f"FAIL {doc}/{b}: {stext!r} has {len(hits)} bounded hits, need ctx")
                s = hits[0]
            else:
                ch = find_all(text, ctx)
                if len(ch) != 1:
                    sys.exit(f"FAIL {doc}/{b}: ctx {ctx!r} found {len(ch)} times")
                inner = find_all(ctx, stext)
                inner = [i for i in inner if bounded(text, ch[0] + i, ch[0] + i + len(stext))]
                if len(inner) != 1:
                    sys.exit(f"FAIL {doc}/{b}: {stext!r} found {len(inner)} times in ctx {ctx!r}")
                s = ch[0] + inner[0]
            e = s + len(stext)
            spans.append({"start": s, "end": e, "label": label, "text": text[s:e]})
        spans.sort(key=lambda x: x["start"])
        for a, c in zip(spans, spans[1:]):
            if c["start"] < a["end"]:
                sys.exit(f"FAIL {doc}/{b}: overlap {a} {c}")
        for sp in spans:
            assert text[sp["start"]:sp["end"]] == sp["text"]
        lines.append({"doc_id": doc, "block": b, "offset": offset, "text": text, "spans": spans})
    out = os.path.join(HERE, "second_pass.jsonl")
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for L in lines:
            f.write(json.dumps(L, ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    print("wrote", out, len(lines), "blocks")

if __name__ == "__main__":
    main()
