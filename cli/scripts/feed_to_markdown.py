#!/usr/bin/env python3
"""Writes an issue feed (JSON) in the Markdown form that `newsletter new` reads.

Used once to make issues/2025-12-04.md from issues/2025-12-04.json, so the
Markdown has the sample's exact texts:

    python3 cli/scripts/feed_to_markdown.py issues/2025-12-04.json > issues/2025-12-04.md

It refuses (exit status 1) anything the Markdown form cannot hold, rather
than writing a file that would convert back to different data.
"""

import json
import re
import sys

FRONT = ["title", "home_page_url", "feed_url", "description", "language"]
EXTENSION = ["name", "tagline", "issue_date"]
STORY_KEYS = {"id", "title", "content_text", "summary", "tags", "date_published",
              "url", "external_url", "image", "_newsletter"}
FIELD = re.compile(r"^\s*(id|topics|sources|source|summary|date|url|external[-_ ]url|image)\s*:", re.I)


def fail(message):
    sys.exit(f"feed_to_markdown: {message}")


def one_line(text, what):
    if text != text.strip() or "\n" in text or not text:
        fail(f"{what} {text!r} cannot be written on one line")
    return text


def paragraphs(text, what):
    out = []
    for paragraph in text.split("\n\n"):
        one_line(paragraph, what)
        if "  " in paragraph:
            fail(f"{what} has runs of spaces, which Markdown does not keep")
        line = paragraph
        if line.startswith(("\\", "#")) or FIELD.match(line):
            line = "\\" + line
        out.append(line)
    return out


def source(entry):
    title, url = entry.get("title"), entry.get("url")
    if set(entry) - {"title", "url"}:
        fail(f"source {entry!r} has other members")
    if title is not None:
        one_line(title, "source")
        if ";" in title or title.endswith(">"):
            fail(f"source title {title!r} needs a 'Source:' line of its own")
    if url is not None:
        one_line(url, "source url")
    return " ".join(part for part in [title, url and f"<{url}>"] if part)


def main(path):
    feed = json.load(open(path, encoding="utf-8"))
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        fail("the version must be https://jsonfeed.org/version/1.1")
    ext = feed.get("_newsletter", {})
    out = ["---"]
    for key in FRONT:
        if key in feed:
            out.append(f"{key}: {one_line(feed[key], key)}")
    for author in feed.get("authors", []):
        name = one_line(author["name"], "author")
        out.append(f"author: {name}" + (f" <{author['url']}>" if "url" in author else ""))
    for key in EXTENSION:
        if key in ext:
            out.append(f"{key}: {one_line(ext[key], key)}")
    for topic in ext.get("topics", []):
        out.append(f"topic: {one_line(topic['id'], 'topic id')} = {one_line(topic['label'], 'topic label')}")
    for key, value in ext.get("subscribe", {}).items():
        out.append(f"subscribe_{key}: {one_line(value, key)}")
    out.append("---")
    if "summary" in ext:
        out += ["", "# This week", ""]
        out += "\n\n".join(paragraphs(ext["summary"], "the summary")).split("\n")
    issue_day = f"{ext['issue_date']}T00:00:00Z" if "issue_date" in ext else None
    for item in feed["items"]:
        if set(item) - STORY_KEYS:
            fail(f"story {item['id']} has members the Markdown form does not hold")
        out += ["", f"## {one_line(item['title'], 'headline')}"]
        if item["title"].endswith("#"):
            fail(f"headline {item['title']!r} ends with '#'")
        out.append(f"Id: {one_line(item['id'], 'id')}")
        if "tags" in item:
            if any("," in tag for tag in item["tags"]):
                fail(f"a tag of {item['id']} has a comma")
            out.append("Topics: " + ", ".join(item["tags"]))
        sources = item.get("_newsletter", {}).get("sources", [])
        if sources:
            out.append("Sources: " + "; ".join(source(s) for s in sources))
        if "summary" in item:
            out.append(f"Summary: {one_line(item['summary'], 'summary')}")
        if item.get("date_published") != issue_day:
            out.append(f"Date: {one_line(item['date_published'], 'date')}")
        for key, name in [("url", "Url"), ("external_url", "External-Url"), ("image", "Image")]:
            if key in item:
                out.append(f"{name}: {one_line(item[key], key)}")
        if "content_text" in item:
            out.append("")
            out += "\n\n".join(paragraphs(item["content_text"], f"the text of {item['id']}")).split("\n")
    if "closing" in ext:
        out += ["", "# Closing", ""]
        out += "\n\n".join(paragraphs(ext["closing"], "the closing")).split("\n")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: feed_to_markdown.py ISSUE.json > ISSUE.md")
    main(sys.argv[1])
