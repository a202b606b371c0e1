// The benchmarks' reference: a plain-JavaScript reader that does the same DOM
// work as the widget on the same feed (masthead, chips with counts, search
// with highlighting, status, the first 30 matching cards). No framework.
// With `?layout=page` (bench/budget.mjs) it also lays the page out as the
// widget's standalone page does: tagline, date, intro, subscribe box, closing.
// Feeds without declared topics take their topics from the tags; stories
// without sources have none.
(() => {
  const PAGE = 30;
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'class') node.className = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) node.append(child);
    return node;
  };
  const marked = (text, terms) => {
    if (!terms.length) return [text];
    const folded = fold(text);
    const hits = new Array(text.length).fill(false);
    for (const term of terms) {
      for (let i = folded.indexOf(term); i !== -1; i = folded.indexOf(term, i + 1)) hits.fill(true, i, i + term.length);
    }
    const out = [];
    let start = 0;
    for (let i = 1; i <= text.length; i++) {
      if (i === text.length || hits[i] !== hits[start]) {
        const piece = text.slice(start, i);
        out.push(hits[start] ? el('mark', {}, piece) : piece);
        start = i;
      }
    }
    return out;
  };

  // The widget folds a long text after its first sentences (domain/markup.rs:
  // a stop after 90 bytes and before 360, then a space and a capital or a
  // digit, not an initial); a search shows it whole. Same DOM, same rule.
  const leadEnd = (text) => {
    for (let at = text.slice(90).search(/[.!?]/) + 90; at >= 90 && at < 360; ) {
      const initial = /[A-Z]/.test(text[at - 1]) && !/[A-Za-z0-9]/.test(text[at - 2] ?? '');
      if (text[at + 1] === ' ' && !initial && /[A-Z0-9]|[^\x00-\x7f]/.test(text[at + 2] ?? '')) return at + 1;
      const next = text.slice(at + 1).search(/[.!?]/);
      if (next < 0) return -1;
      at += next + 1;
    }
    return -1;
  };
  const body = (text, terms) => {
    const end = leadEnd(text);
    if (end < 0 || text.length - end < 160) return [el('p', {}, ...marked(text, terms))];
    const rest = el('details', { class: 'nw-rest' },
      el('summary', { class: 'nw-toggle' }, el('span', { class: 'nw-when-closed' }, 'Read more'), el('span', { class: 'nw-when-open' }, 'Show less')),
      el('p', {}, ...marked(text.slice(end + 1), terms)));
    if (terms.length) rest.open = true;
    return [el('p', {}, ...marked(text.slice(0, end), terms)), rest];
  };

  async function main() {
    const params = new URLSearchParams(location.search);
    const feed = await (await fetch(params.get('src'))).json();
    const meta = feed._newsletter ?? {};
    const slug = (label) => label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const topics = meta.topics?.length
      ? meta.topics
      : [...new Set(feed.items.flatMap((item) => item.tags ?? []))].map((label) => ({ id: slug(label), label }));
    const byLabel = new Map(topics.map((topic) => [topic.label, topic]));
    const stories = feed.items.map((item) => {
      const tags = (item.tags ?? []).filter((t) => byLabel.has(t));
      const sources = item._newsletter?.sources ?? [];
      return {
        ...item,
        tags,
        sources,
        topicIds: tags.map((t) => byLabel.get(t).id),
        hay: fold([item.title, item.content_text, ...sources.map((s) => s.title)].join('\n')),
      };
    });
    const selected = new Set();
    let query = '';
    const pageLayout = params.get('layout') === 'page';
    let shown = [];

    const root = document.getElementById('app');
    const input = el('input', { id: 'nw-search-input', class: 'nw-search-input', type: 'search' });
    const all = el('button', { class: 'nw-chip nw-chip-all', type: 'button', 'aria-pressed': 'true' }, 'All topics');
    // Like the widget, the first 20 chips, then "More topics".
    const chips = topics.slice(0, 20).map((topic) => {
      const count = el('span', { class: 'nw-chip-count' });
      const button = el('button', { class: 'nw-chip', type: 'button', 'aria-pressed': 'false' }, el('span', { class: 'nw-chip-label' }, topic.label), count);
      button.addEventListener('click', () => {
        if (selected.has(topic.id)) selected.delete(topic.id);
        else selected.add(topic.id);
        render();
      });
      return { topic, button, count };
    });
    all.addEventListener('click', () => { selected.clear(); render(); });
    input.addEventListener('input', () => { query = input.value; render(); });
    const status = el('p', { class: 'nw-status', 'aria-live': 'polite' });
    const list = el('section', { class: 'nw-stories' });
    const filters = el('div', { class: 'nw-filters' }, el('label', { for: 'nw-search-input' }, 'Search stories'), input,
      el('div', { class: 'nw-chips', role: 'group' }, all, ...chips.map((c) => c.button),
        ...(topics.length > 20 ? [el('button', { class: 'nw-chip nw-chip-more', type: 'button' }, `More topics (${topics.length - 20} more)`)] : [])));
    if (pageLayout) {
      const framing = (kind, title, text) => (text ? [el('section', { class: `nw-framing nw-${kind}` }, el('h2', { class: 'nw-framing-title' }, title), el('p', {}, text))] : []);
      const subscribe = () => (meta.subscribe
        ? [el('section', { class: 'nw-subscribe' }, el('h2', { class: 'nw-subscribe-title' }, meta.subscribe.title ?? 'Subscribe'),
          el('p', { class: 'nw-subscribe-text' }, meta.subscribe.text ?? ''))]
        : []);
      const date = meta.issue_date
        ? [el('p', { class: 'nw-date' }, el('time', { datetime: meta.issue_date },
          new Date(`${meta.issue_date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })))]
        : [];
      list.prepend(el('h2', { class: 'nw-section-title' }, 'In this issue'), status);
      root.append(el('div', { class: 'nw' },
        el('header', { class: 'nw-masthead' }, el('p', { class: 'nw-name' }, meta.name ?? ''), ...(meta.tagline ? [el('p', { class: 'nw-tagline' }, meta.tagline)] : [])),
        el('header', { class: 'nw-issue-head' }, el('h1', { class: 'nw-title' }, feed.title), ...date),
        el('div', { class: 'nw-layout' },
          el('div', { class: 'nw-lead' }, ...framing('intro', 'This week', meta.summary)),
          el('aside', { class: 'nw-side' }, ...subscribe(), filters),
          list,
          el('div', { class: 'nw-end' }, ...framing('closing', 'Before you go', meta.closing), ...subscribe()))));
    } else {
      root.append(el('div', { class: 'nw' },
        el('header', { class: 'nw-masthead' }, el('p', { class: 'nw-name' }, meta.name)),
        el('h1', { class: 'nw-title' }, feed.title),
        filters, status, list));
    }

    function render() {
      const terms = query.split(/\s+/).filter(Boolean).map(fold);
      const counts = new Map(topics.map((t) => [t.id, 0]));
      const visible = [];
      for (const story of stories) {
        if (!terms.every((term) => story.hay.includes(term))) continue;
        for (const id of story.topicIds) counts.set(id, counts.get(id) + 1);
        if (selected.size === 0 || story.topicIds.some((id) => selected.has(id))) visible.push(story);
      }
      for (const { topic, button, count } of chips) {
        button.setAttribute('aria-pressed', String(selected.has(topic.id)));
        count.textContent = counts.get(topic.id);
      }
      all.setAttribute('aria-pressed', String(selected.size === 0));
      status.textContent = `${visible.length} of ${stories.length} stories`;
      const cards = visible.slice(0, PAGE).map((story) => el('article', { class: 'nw-card' },
        el('h3', { class: 'nw-headline' }, ...marked(story.title, terms)),
        el('ul', { class: 'nw-tags' }, ...story.tags.map((t) => el('li', { class: 'nw-tag' }, t))),
        el('div', { class: 'nw-body' }, ...body(story.content_text, terms)),
        ...(story.sources.length
          ? [el('footer', { class: 'nw-sources' }, ...(pageLayout ? [el('h4', { class: 'nw-sources-title' }, 'Sources')] : []),
            el('ol', {}, ...story.sources.map((s) => el('li', {}, ...marked(s.title ?? s.url ?? '', terms)))))]
          : [])));
      if (pageLayout) {
        // The section also holds its heading and the status: swap the cards only.
        for (const card of shown) card.remove();
        list.append(...cards);
        shown = cards;
      } else {
        list.replaceChildren(...cards);
      }
    }
    render();
  }
  main();
})();
