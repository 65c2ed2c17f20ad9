#!/usr/bin/env python3
"""Write a synthetic, realistic Markdown report of roughly PAGES A4 pages for benchmarking galley.

usage: generate.py PAGES OUT.md [--seed N] [--with-tables] [--words-per-page N]

The output is deterministic for a given PAGES/seed/flags (own splitmix64 PRNG, independent of the Python
version). Content per page: headings (h1 every ~8 pages, h2 about every page, h3 about every half page),
paragraphs of varied English prose (including ligature words such as "efficient", "office", "affluent"),
inline code, bold, italic and links, bullet and numbered lists (nested), and a fenced code block every few
pages. --with-tables adds a GFM table every few pages. No images or footnotes.

The page count is calibrated against galley's default style (A4, ~450-500 words of body text per page);
--words-per-page overrides the calibration constant.
"""
import argparse
import sys

# Calibrated with galley's default A4 style (see bench/README.md): prose words emitted per rendered page.
WORDS_PER_PAGE = 385

WORDS = """
the of and to in a is that for it as was with be by on not he this are or his from at which but have an they
you were her she there been one all we their has would when if so no will more can out up about into them
some could time these two may then do first any my now such like other than only its over also after use
year work new years way many well because very through just where most should people each those how state
system data report team quarter process service customer market project design review result results plan
support network security budget growth release version feature performance capacity latency throughput
office official officer efficient efficiently efficiency affluent afflict affirm affair affect effect effort
offer offered offering difficult different differently sufficient suffix traffic staff stuff scaffold baffle
shuffle waffle ruffled fluffy fluent flow flows flight floor float field fields final finally finance
financial figure figures fifty first fit fix fixed flag flexible inflation conflict reflect define refine
benefit profile profit certificate artificial classification notification identify modify specific
significant analysis analyst approach architecture available average balance baseline behaviour boundary
business candidate capture category central change channel checkpoint client cluster colleague committee
community compare complete component condition configuration consistent constraint context contract control
coordinate corporate critical current cycle deadline decision delivery demand department dependency
deployment description detail develop direction discussion distribution document domain duration economic
engineer environment estimate evaluate event evidence example exception expected experience experiment
external factor failure focus forecast framework function general governance guidance handle hardware
history impact implement improvement incident increase independent indicator infrastructure initial input
insight integration interface internal interval inventory investment issue journey knowledge language
launch layer leader legacy level limit maintenance manager measure mechanism memory method metric migration
milestone model module monitor objective operation option order organisation outcome output overview owner
partner pattern period phase platform policy portfolio practice priority problem procedure product program
progress property proposal protocol quality query range rate reason record recovery reduce region
regulation relationship reliable request requirement resource response revenue risk roadmap routine
schedule scope segment sequence server session signal solution source stage standard statement status
strategy structure summary supply surface survey target task technical template tenant threshold timeline
tooling topic total trade transfer transition trend update usage user validation value vendor volume
warehouse window workflow workload
quickly carefully slowly steadily roughly clearly nearly mostly largely broadly closely directly
important useful careful visible stable robust modest strong weak early late recent shared common
""".split()

CODE_WORDS = ["config", "retry_limit", "max_batch", "worker_pool", "flush()", "--dry-run", "timeout_ms",
              "region=eu-central-1", "SELECT", "offset", "cache.get()", "fixture", "build/galley", "HTTP 503"]

LINK_TARGETS = ["https://example.com/reports/q3", "https://example.org/docs/runbook",
                "https://intranet.example.net/wiki/Capacity_Planning", "https://example.com/dashboards/latency"]

CODE_BLOCKS = [
    ("python", """def efficient_batches(items, size=64):
    \"\"\"Yield fixed-size batches; the last one may be shorter.\"\"\"
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
"""),
    ("bash", """#!/usr/bin/env bash
set -euo pipefail
for region in eu-central-1 us-east-1 ap-southeast-2; do
  ./deploy --region "$region" --dry-run --timeout 300 | tee "logs/$region.log"
done
"""),
    ("sql", """SELECT office_id, COUNT(*) AS orders, AVG(latency_ms) AS avg_latency
FROM orders o JOIN offices f ON f.id = o.office_id
WHERE o.created_at >= DATE '2025-01-01'
GROUP BY office_id
ORDER BY orders DESC
LIMIT 20;
"""),
    ("yaml", """service: report-builder
replicas: 3
resources:
  limits: { cpu: "2", memory: 1Gi }
  requests: { cpu: 500m, memory: 512Mi }
alerts:
  - name: latency-p99
    threshold_ms: 750
"""),
]


class SplitMix64:
    def __init__(self, seed):
        self.s = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def randint(self, lo, hi):
        """lo..hi inclusive"""
        return lo + self.next() % (hi - lo + 1)

    def chance(self, p):
        return (self.next() >> 11) / float(1 << 53) < p

    def choice(self, seq):
        return seq[self.next() % len(seq)]


class Gen:
    def __init__(self, seed, tables):
        self.r = SplitMix64(seed)
        self.tables = tables
        self.words = 0  # words of text emitted (body, lists, headings; code counts a little)
        self.h2 = 0
        self.h3 = 0

    def word(self):
        return self.r.choice(WORDS)

    def phrase(self, lo, hi):
        return " ".join(self.word() for _ in range(self.r.randint(lo, hi)))

    def sentence(self, inline=True):
        n = self.r.randint(8, 24)
        out = []
        for i in range(n):
            w = self.word()
            if inline and self.r.chance(0.025):
                kind = self.r.randint(0, 3)
                if kind == 0:
                    w = f"**{w} {self.word()}**"
                elif kind == 1:
                    w = f"*{w}*"
                elif kind == 2:
                    w = f"`{self.r.choice(CODE_WORDS)}`"
                else:
                    w = f"[{w} {self.word()}]({self.r.choice(LINK_TARGETS)})"
            if i + 1 < n and self.r.chance(0.07):
                w += ","
            out.append(w)
        self.words += n
        s = " ".join(out)
        return s[0].upper() + s[1:] + self.r.choice([".", ".", ".", ".", ".", ".", "?"])

    def paragraph(self, lo=3, hi=7):
        return " ".join(self.sentence() for _ in range(self.r.randint(lo, hi)))

    def heading(self, level):
        title = self.phrase(2, 6)
        title = title[0].upper() + title[1:]
        self.words += len(title.split())
        return f"{'#' * level} {title}"

    def bullet_list(self):
        lines = []
        for _ in range(self.r.randint(3, 6)):
            lines.append(f"- {self.sentence()}")
            if self.r.chance(0.3):
                for _ in range(self.r.randint(2, 3)):
                    lines.append(f"  - {self.sentence()}")
        return "\n".join(lines)

    def numbered_list(self):
        lines = []
        for i in range(1, self.r.randint(3, 6) + 1):
            lines.append(f"{i}. {self.sentence()}")
            if self.r.chance(0.25):
                for _ in range(self.r.randint(1, 3)):
                    lines.append(f"   - {self.sentence()}")
        return "\n".join(lines)

    def code_block(self):
        lang, body = self.r.choice(CODE_BLOCKS)
        self.words += len(body.split()) // 2
        return f"```{lang}\n{body}```"

    def table(self):
        cols = self.r.randint(3, 5)
        head = [self.word().capitalize() for _ in range(cols)]
        rows = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * cols) + "|"]
        for _ in range(self.r.randint(4, 10)):
            cells = [self.phrase(1, 3) if c else self.word() for c in range(cols)]
            rows.append("| " + " | ".join(cells) + " |")
            self.words += sum(len(x.split()) for x in cells)
        return "\n".join(rows)

    def page_blocks(self, page):
        """The blocks of roughly one page."""
        b = []
        if page % 8 == 0:
            b.append(self.heading(1))
            b.append(self.paragraph(2, 4))
        if page % 8 == 0 or self.r.chance(0.8):
            b.append(self.heading(2))
        b.append(self.paragraph())
        if self.r.chance(0.6):
            b.append(self.heading(3))
        b.append(self.paragraph())
        k = self.r.randint(0, 5)
        if k <= 1:
            b.append(self.paragraph(2, 3))
            b.append(self.bullet_list())
        elif k == 2:
            b.append(self.numbered_list())
        b.append(self.paragraph(2, 5))
        if page % 3 == 2:
            b.append(self.code_block())
        if self.tables and page % 4 == 1:
            b.append(self.table())
        return b

    def document(self, pages, words_per_page):
        title = "Synthetic Operations Report"
        parts = [
            "+++",
            f'title = "{title} ({pages} pages)"',
            "date = 2025-03-01",
            'description = "Benchmark input generated by bench/generate.py: deterministic synthetic prose"',
            'tags = ["benchmark", "synthetic"]',
            "+++",
            "",
            f"Executive summary. {self.paragraph(3, 5)}",
        ]
        target = pages * words_per_page
        page = 0
        while self.words < target:
            for blk in self.page_blocks(page):
                parts += ["", blk]
            page += 1
        return "\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser(description="synthetic Markdown report for benchmarks")
    ap.add_argument("pages", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20251129)
    ap.add_argument("--with-tables", action="store_true")
    ap.add_argument("--words-per-page", type=int, default=WORDS_PER_PAGE)
    a = ap.parse_args()
    if a.pages < 1:
        ap.error("PAGES must be >= 1")
    text = Gen(a.seed, a.with_tables).document(a.pages, a.words_per_page)
    if a.out == "-":
        sys.stdout.write(text)
    else:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
