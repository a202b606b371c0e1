// A deterministic archive for bench/archive.mjs: weekly issues of 20 stories
// (12 topics, 1 to 3 each), written as issue feeds (for `newsletter index`)
// and as one HTML page per issue (for Pagefind). Story text comes from
// bench/generate.mjs (two of its paragraphs a story, about 160 words),
// plus names drawn from a long tail of 4,000 (drugs, companies, genes), as
// real archives have many rare words.
import fs from 'node:fs';
import path from 'node:path';
import { generateIssue, mulberry32 } from './generate.mjs';


const SYLLABLES = 'ka ri zo ve lu ma tek nor vax sil dra gen tra mab lix cel pho qui bel sta rin fen dex'.split(' ');

/** The long tail: 4,000 made-up names, the first ones the most frequent. */
export function names(count = 4000) {
  const random = mulberry32(7);
  const out = new Set();
  while (out.size < count) {
    const n = 2 + Math.floor(random() * 3);
    const word = Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
    out.add(word[0].toUpperCase() + word.slice(1));
  }
  return [...out];
}

const date = (week) => new Date(Date.UTC(2021, 0, 7) + week * 7 * 86400000).toISOString().slice(0, 10);

/** Issue `week` (from 0) as an issue feed object. */
export function archiveIssue(week, tail) {
  const random = mulberry32(1000 + week);
  // Zipf-like: rank r drawn with weight about 1/r.
  const rare = () => tail[Math.floor(Math.exp(random() * Math.log(tail.length))) - 1];
  const base = generateIssue(40, week + 1);
  const items = Array.from({ length: 20 }, (_, i) => {
    const [a, b] = [base.items[2 * i], base.items[2 * i + 1]];
    const extra = `${rare()} and ${rare()} reported data; ${rare()} follows.`;
    return { ...a, id: `story-${i + 1}`, content_text: `${a.content_text} ${extra}\n\n${b.content_text}` };
  });
  const day = date(week);
  return {
    ...base,
    title: `Week ${week + 1}`,
    _newsletter: { ...base._newsletter, issue_date: day, summary: `Issue ${week + 1}.` },
    items,
  };
}

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The same issue as an HTML page, each story a Pagefind body with its topics as filters. */
export function issuePage(issue) {
  const labels = new Map(issue._newsletter.topics.map((t) => [t.label, t.label]));
  const stories = issue.items.map((story) => `<article data-pagefind-body id="${escape(story.id)}">
<h2>${escape(story.title)}</h2>
${story.content_text.split('\n\n').map((p) => `<p>${escape(p)}</p>`).join('\n')}
<p>${story.tags.map((t) => `<span data-pagefind-filter="topic">${escape(labels.get(t) ?? t)}</span>`).join(', ')}</p>
<p data-pagefind-meta="date">${issue._newsletter.issue_date}</p>
</article>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(issue.title)}</title></head>
<body><h1>${escape(issue.title)}</h1>
${stories.join('\n')}
</body></html>
`;
}

/** Writes `weeks` issues into `dir/issues/*.json` and `dir/site/issues/*.html`. */
export function writeArchive(dir, weeks) {
  const tail = names();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'issues'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'site', 'issues'), { recursive: true });
  for (let week = 0; week < weeks; week++) {
    const issue = archiveIssue(week, tail);
    const day = issue._newsletter.issue_date;
    fs.writeFileSync(path.join(dir, 'issues', `${day}.json`), JSON.stringify(issue));
    fs.writeFileSync(path.join(dir, 'site', 'issues', `${day}.html`), issuePage(issue));
  }
  return tail;
}
