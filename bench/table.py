"""make bench: the pages measured, the static bytes the dashboard loads, and
the table printed from the results (bench/run.py measures)."""

import os
import re
from pathlib import Path

PAGES = ["/", "/progress.json", "/walks/", "/api/v1/walks/", "/walks/new/", "/report/", "/tips/"]


def static_bytes(client) -> dict:
    html = client.get("/").content.decode()
    sizes = {"js": 0, "css": 0}
    patterns = (("js", r'<script src="([^"]+)"'), ("css", r'<link rel="stylesheet" href="([^"]+)"'))
    for kind, pattern in patterns:
        for url in re.findall(pattern, html):
            if not url.startswith("/static/"):  # the JavaScript catalogue (/jsi18n/)
                size = len(client.get(url).content)
                sizes[kind] += size
                sizes[f"{kind}_brotli"] = sizes.get(f"{kind}_brotli", 0) + size
                continue
            name = url.removeprefix("/static/")
            path = Path(os.environ["STATIC_ROOT"]) / name
            sizes[kind] += path.stat().st_size
            gz = path.with_name(path.name + ".br")
            sizes[f"{kind}_brotli"] = sizes.get(f"{kind}_brotli", 0) + (
                gz.stat().st_size if gz.exists() else path.stat().st_size
            )
    return sizes


def print_floor(rps: dict, floor: dict) -> None:
    """Every page against the floor (/favicon.ico: the middleware stack and a
    redirect) on the same server, in the same rounds."""
    base = rps["/favicon.ico"]
    print(f"\nfloor /favicon.ico: {base['rps']} req/s, rounds {base['rounds']} ({base['tool']})")
    print(f"  {'page':<18}{'req/s':>9}{'x floor':>9}{'goal':>7}  each round's ratio")
    for url, row in floor.items():
        print(
            f"  {url:<18}{row['rps']:>9}{row['x_floor']:>9}{'>= ' + str(row['goal']):>8}"
            f"{'' if row['met'] else ' (not met)'}  ratios {row['x_floor_rounds']}"
        )
    rss = {name: found for name, found in rps.items() if name.startswith("worker_rss_mb")}
    for name, found in rss.items():
        print(f"  gunicorn worker memory after the load, MB resident {name[13:]}: {found}")


def print_table(r):
    print(f"\nWalk Well benchmark, {r['when']} on {r['machine']}")
    print(f"seeded {r['walks_seeded']} walks in {r['seed_seconds']} s\n")
    print(f"{'request':<20}{'1 week ms':>11}{'q':>4}{'5 years ms':>12}{'q':>4}")
    for url in [*PAGES, "POST /walks/new/", "POST /api/v1/walks/", "GET /report.pdf"]:
        w, y = r["in_process"]["one-week"][url], r["in_process"]["five-years"][url]
        print(
            f"{url:<20}{w['median_ms']:>11}{w['queries'] or '':>4}"
            f"{y['median_ms']:>12}{y['queries'] or '':>4}"
        )
    print("\ngunicorn, requests/s, median of rounds:")
    for name, run in r["gunicorn"].items():
        if "rps" in run:
            print(
                f"  {name:<34}{run['rps']:>9}   rounds {run['rounds']}  "
                f"({run['tool']}; {run['server']})"
            )
    print("  writes over all rounds:", r["gunicorn"]["writes_all_rounds"])
    print_floor(r["gunicorn"], r["floor"])
    print("\nhand-written code against the alternative (ms, median, same run):")
    for m in r["micro"]:
        print(
            f"  {m['what']}: {m['chosen']} {m['chosen_ms']} vs {m['alternative']} "
            f"{m['alternative_ms']} ({m['alternative_over_chosen']}x)"
        )
    for m in r["apple_health_import"].values():
        print(
            f"\nApple Health {'file of unknown elements' if m.get('junk') else 'export'} "
            f"{m['file_mb']} MB: read in {m['seconds']} s, "
            f"{m['extra_rss_mb']} MB extra memory, {m['walks_found']} walks"
        )
    bg = r["background_imports"]
    print(
        f"\ntwo {bg['file_mb']} MB imports on two task workers: uploads answered in "
        f"{bg['upload_answer_seconds']} s (the redirect to the progress page), both read in "
        f"{bg['both_read_seconds']} s; /tips/ median {bg['tips_idle']['median_ms']} ms idle, "
        f"{bg['tips_while_two_imports_read']['median_ms']} ms while both read "
        f"({bg['latency_ratio']}x; {bg['tool']}); files left after reading: "
        f"{bg['files_left_after_reading']}"
    )
    rem = r["send_reminders"]
    for count in (1_000, 10_000):
        m = rem[count]
        print(
            f"\nsend_reminders, {count:,} patients due: {m['sent']:,} sent in {m['seconds']} s "
            f"({m['ms_per_patient']} ms each); a second run: {m['second_run_sent']} sent"
        )
    print(f"  10,000 over 1,000 patients: {rem['growth_10k_over_1k']}x (linear is 10x)")
    c = r["clinic"]
    print("\nclinician panel (in-process, median ms, queries; same run):")
    for name, m in c["pages"].items():
        print(f"  {name:<32}{m['median_ms']:>9}{m['queries']:>4}")
    print(
        f"  1,000 patients over /tips/: {c['panel_1000_over_tips']}x; over 10 patients: "
        f"{c['panel_1000_over_10']}x; seeding and summaries: "
        f"{c['seed_and_summary_ms_per_patient']} ms a patient"
    )
    s = r["dashboard_static_bytes"]
    print(
        f"\ndashboard static: JS {s['js']:,} B ({s.get('js_brotli', 0):,} brotli), "
        f"CSS {s['css']:,} B ({s.get('css_brotli', 0):,} brotli)"
    )
    print("ratios:", r["ratios"])
    for name, ok in r["targets_met"].items():
        print(f"  [{'x' if ok else ' '}] {name}")
    print(f"total {r['total_seconds']} s; JSON in bench-results/latest.json")
