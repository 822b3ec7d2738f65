#!/usr/bin/env python3
"""Writes the large and hostile inputs measured in docs/PERFORMANCE.md and
docs/RELIABILITY.md into a folder (default: /tmp/powermap-inputs).

    python3 tools/large_inputs.py [FOLDER]

Maps: chainN (everyone reports to the one before), starN (everyone to the first),
treeN (to a random earlier person), treeinfN (a tree plus one random influence,
alliance or conflict line per person), dupN (N id-less lines with the same
from/kind/to), dmsN (everyone a decision maker along a chain). Contact lists: chainN.csv (a reporting chain), cycleN.csv (a chain
whose top reports to its bottom), reverse100000.csv (to merge into chain100000.json:
everyone names someone below them as manager), flat100000.csv (a random tree),
contacts100k.xlsx
(100,000 rows written the way Excel writes them). Hostile workbooks:
bomb-sheet.xlsx and bomb-texts.xlsx (a part declaring 1,000 bytes that unpacks to
2 GB) and max-cells.xlsx (300,000 shared texts, 1,500,020 cells: just over the
limits). Deterministic: the same files every time.
"""
import json, os, random, struct, sys, zipfile as pyzip, zlib
from xml.sax.saxutils import escape

OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/powermap-inputs"
os.makedirs(OUT, exist_ok=True)
random.seed(7)


def person(i):
    return {"id": f"p{i}", "name": f"Person {i}", "role": "unknown", "stance": "unknown", "power": 3,
            "position": {"x": float((i % 300) * 200), "y": float((i // 300) * 200)}}


def line(a, b, kind="reports_to", id=None):
    d = {"from": f"p{a}", "to": f"p{b}", "kind": kind, "strength": 2}
    if id is not None:
        d["id"] = id
    return d


def write_map(name, people, lines):
    doc = {"format": "powermap", "version": 1, "account": {"name": "X", "stage": "middle"},
           "team": [], "stakeholders": people, "relationships": lines}
    with open(f"{OUT}/{name}.json", "w") as f:
        json.dump(doc, f)


def maps(n):
    people = [person(i) for i in range(n)]
    people[n // 2]["role"] = "decision_maker"
    people[n - 1]["stance"] = "supporter"
    write_map(f"chain{n}", people, [line(i, i - 1, id=f"r{i}") for i in range(1, n)])
    write_map(f"star{n}", people, [line(i, 0, id=f"r{i}") for i in range(1, n)])
    write_map(f"tree{n}", people, [line(i, random.randrange(i), id=f"r{i}") for i in range(1, n)])
    lines = [line(i, random.randrange(i), id=f"r{i}") for i in range(1, n)]
    lines += [line(random.randrange(n), random.randrange(n), random.choice(["influences", "ally", "conflict"]), f"x{i}")
              for i in range(n)]
    write_map(f"treeinf{n}", people, [l for l in lines if l["from"] != l["to"]])


def deciders(n):
    """Everyone tagged decision maker along a chain, the champion at its bottom."""
    people = [dict(person(i), role="decision_maker") for i in range(n)]
    people[-1].update(role="champion", stance="supporter")
    write_map(f"dms{n}", people, [line(i, i - 1, id=f"r{i}") for i in range(1, n)])


def csv_chain(n):
    with open(f"{OUT}/chain{n}.csv", "w") as f:
        f.write("Name,Email,Reports To\n")
        for i in range(n):
            f.write(f"Person {i},p{i}@x.example,{'' if i == 0 else f'p{i-1}@x.example'}\n")


def csv_cycle(n):
    with open(f"{OUT}/cycle{n}.csv", "w") as f:
        f.write("Name,Email,Reports To\n")
        f.write(f"Person 0,p0@x.example,p{n}@x.example\n")
        for i in range(1, n + 1):
            f.write(f"Person {i},p{i}@x.example,p{i-1}@x.example\n")


def csv_reverse(n):
    """Each of the first half names as manager someone half a chain below them:
    merged into chainN.json, every line would close a cycle."""
    with open(f"{OUT}/reverse{n}.csv", "w") as f:
        f.write("Name,Reports To\n")
        for j in range(n // 2):
            f.write(f"Person {j},Person {j + n // 2}\n")


def csv_flat(n):
    with open(f"{OUT}/flat{n}.csv", "w") as f:
        f.write("Name,Email,Title,Reports To\n")
        for i in range(n):
            boss = '' if i < 10 else f'p{random.randrange(i)}@x.example'
            f.write(f"Person {i},p{i}@x.example,Manager {i},{boss}\n")


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def deflate_repeated(head, middle, times, tail):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [c.compress(head)]
    per = max(1, 65536 // len(middle))
    block = middle * per
    while times >= per:
        out.append(c.compress(block))
        times -= per
    out += [c.compress(middle * times), c.compress(tail), c.flush()]
    return b"".join(out)


def archive(entries):
    """entries: (name, packed, declared size, crc); every part deflated."""
    out, directory = b"", b""
    for name, packed, declared, crc in entries:
        name = name.encode()
        at = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0, 0, crc, len(packed), declared, len(name), 0) + name + packed
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20, 0, 8, 0, 0, crc, len(packed), declared,
                                 len(name), 0, 0, 0, 0, 0, at) + name
    return out + directory + struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(entries), len(entries),
                                         len(directory), len(out), 0)


def honest(name, data):
    return (name, deflate(data), len(data), zlib.crc32(data))


WORKBOOK = b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>'
RELS = b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b'</sheetData></worksheet>'
BASE = [honest("xl/workbook.xml", WORKBOOK), honest("xl/_rels/workbook.xml.rels", RELS)]


def bombs():
    cell = b'<row><c t="inlineStr"><is><t>Ann Lee</t></is></c></row>'
    sheet = ("xl/worksheets/sheet1.xml", deflate_repeated(HEAD, cell, 2_000_000_000 // len(cell), TAIL), 1000, 0)
    with open(f"{OUT}/bomb-sheet.xlsx", "wb") as f:
        f.write(archive(BASE + [sheet]))
    si = b"<si><t>Ann Lee</t></si>"
    texts = ("xl/sharedStrings.xml", deflate_repeated(b"<sst>", si, 2_000_000_000 // len(si), b"</sst>"), 1000, 0)
    small = HEAD + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + TAIL
    with open(f"{OUT}/bomb-texts.xlsx", "wb") as f:
        f.write(archive(BASE + [texts, honest("xl/worksheets/sheet1.xml", small)]))


def max_cells():
    strings = 300_000
    sst = b"<sst>" + b"".join(b"<si><t>%s</t></si>" % bytes([97 + i % 26]) for i in range(strings)) + b"</sst>"
    rows = (b'<row r="%d">%s</row>' % (r, b"".join(b'<c t="s"><v>%d</v></c>' % ((r * 20 + c) % strings) for c in range(20)))
            for r in range(1, 75_002))
    sheet = HEAD + b"".join(rows) + TAIL
    with open(f"{OUT}/max-cells.xlsx", "wb") as f:
        f.write(archive(BASE + [honest("xl/sharedStrings.xml", sst), honest("xl/worksheets/sheet1.xml", sheet)]))


def contacts_xlsx(rows, path):
    """A contact sheet the way Excel writes it: shared strings, one sheet."""
    first = ["Ann", "Bob", "Carla", "David", "Eve", "Frank", "Grace", "Hiro", "Ivan", "Jing", "Kofi", "Lena", "Ming",
             "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tao", "王", "李", "张", "刘", "陈"]
    last = ["Lee", "Stone", "Okafor", "Chen", "Müller", "Raman", "Garcia", "Tanaka", "Novak", "Smith", "Brown", "Wang",
            "Zhang", "Liu", "芳", "伟", "娜", "强"]
    titles = ["Chief Executive Officer", "VP Engineering", "Head of Procurement", "IT Manager", "Sales Director",
              "Project Manager", "Analyst", "总经理", "采购经理", "信息部主任"]
    sources = ["Web", "Trade Show", "Partner", "Referral", "Cold Call"]
    strings, index = [], {}

    def s(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    def row(r, cells):
        parts = [f'<row r="{r}">']
        for i, v in enumerate(cells):
            ref = f"{'ABCDEFGHI'[i]}{r}"
            if v is None:
                continue
            if isinstance(v, int):
                parts.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                parts.append(f'<c r="{ref}" t="s"><v>{s(v)}</v></c>')
        parts.append("</row>")
        return "".join(parts)

    sheet = [row(1, ["First Name", "Last Name", "Title", "Account Name", "Email", "Mobile", "Reports To",
                     "Lead Source", "Description"])]
    for k in range(rows):
        boss = f"contact{random.randrange(k)}@company{random.randrange(97)}.example" if k > 20 else None
        desc = (f"Met at {random.choice(sources)} in {2020 + k % 6}; interested in the "
                f"{random.choice(['platform', 'analytics', 'support', 'migration'])} project.") if k % 3 == 0 else None
        sheet.append(row(k + 2, [random.choice(first), random.choice(last), random.choice(titles), f"Company {k % 97}",
                                 f"contact{k}@company{k % 97}.example", 13800000000 + k, boss,
                                 random.choice(sources), desc]))
    sheet_xml = (HEAD.decode() + "".join(sheet) + TAIL.decode()).encode()
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings) + "</sst>").encode()
    with pyzip.ZipFile(path, "w", pyzip.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        z.writestr("xl/sharedStrings.xml", sst)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)


for n in [20000, 40000, 100000]:
    maps(n)
for n in [5000, 20000]:
    deciders(n)
for n in [10000, 40000]:
    write_map(f"dup{n}", [person(0), person(1)], [line(0, 1, kind="influences") for _ in range(n)])
for n in [10000, 62500, 100000]:
    csv_chain(n)
for n in [20000, 60000]:
    csv_cycle(n)
csv_flat(100000)
csv_reverse(100000)
contacts_xlsx(100_000, f"{OUT}/contacts100k.xlsx")
bombs()
max_cells()
print(f"wrote the inputs to {OUT}")
