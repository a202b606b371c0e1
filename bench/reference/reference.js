// The benchmark's reference: a plain-JavaScript reader that does the same DOM
// work as the widget on the same feed (masthead, chips with counts, search
// with highlighting, status, the first 30 matching cards). No framework.
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

  async function main() {
    const src = new URLSearchParams(location.search).get('src');
    const feed = await (await fetch(src)).json();
    const topics = feed._newsletter.topics;
    const stories = feed.items.map((item) => ({
      ...item,
      topicIds: item.tags.map((t) => topics.find((topic) => topic.label === t).id),
      hay: fold([item.title, item.content_text, ...item._newsletter.sources.map((s) => s.title)].join('\n')),
    }));
    const selected = new Set();
    let query = '';

    const root = document.getElementById('app');
    const input = el('input', { id: 'nw-search-input', class: 'nw-search-input', type: 'search' });
    const all = el('button', { class: 'nw-chip nw-chip-all', type: 'button', 'aria-pressed': 'true' }, 'All topics');
    const chips = topics.map((topic) => {
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
    root.append(el('div', { class: 'nw' },
      el('header', { class: 'nw-masthead' }, el('p', { class: 'nw-name' }, feed._newsletter.name)),
      el('h1', { class: 'nw-title' }, feed.title),
      el('div', { class: 'nw-filters' }, el('label', { for: 'nw-search-input' }, 'Search stories'), input,
        el('div', { class: 'nw-chips', role: 'group' }, all, ...chips.map((c) => c.button))),
      status, list));

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
      list.replaceChildren(...visible.slice(0, PAGE).map((story) => el('article', { class: 'nw-card' },
        el('h3', { class: 'nw-headline' }, ...marked(story.title, terms)),
        el('ul', { class: 'nw-tags' }, ...story.tags.map((t) => el('li', { class: 'nw-tag' }, t))),
        el('div', { class: 'nw-body' }, el('p', {}, ...marked(story.content_text, terms))),
        el('footer', { class: 'nw-sources' }, el('ol', {}, ...story._newsletter.sources.map((s) => el('li', {}, ...marked(s.title, terms))))))));
    }
    render();
  }
  main();
})();
