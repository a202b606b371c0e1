// Deterministic benchmark issues: N stories, 12 topics (or `topicCount`
// generated ones), 1 to 3 tags each, paragraph-length text. Same seed, same
// feed, on every machine.
const TOPICS = [
  'Gene therapy', 'Gene editing', 'Cell therapy', 'Drug approvals', 'Biosimilars', 'Oncology',
  'Policy & regulation', 'China', 'Markets & deals', 'Neuroscience', 'Research', 'Cardiovascular',
];
const WORDS = (
  'therapy trial patients approval phase results clinical gene editing cell data safety dose efficacy ' +
  'market company drug cancer treatment study regulatory agency biotech pipeline antibody target ' +
  'response disease protein receptor inhibitor license partnership milestone payment investors ' +
  'quarter growth policy strategy research university researchers delivery nanoparticle liver ' +
  'immune tumour lung breast leukemia lymphoma neurology Alzheimer plaque mice model biomarker FDA EMA ' +
  'NMPA approval café naïve Zürich São Paulo Montréal'
).split(' ');

export function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateIssue(count, seed = 42, topicCount = 0) {
  const random = mulberry32(seed + count);
  const topics = topicCount ? Array.from({ length: topicCount }, (_, i) => `Topic ${i + 1}`) : TOPICS;
  const pick = (list) => list[Math.floor(random() * list.length)];
  const sentence = (min, max) => {
    const n = min + Math.floor(random() * (max - min + 1));
    const words = Array.from({ length: n }, () => pick(WORDS));
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const items = Array.from({ length: count }, (_, i) => {
    const tagCount = 1 + Math.floor(random() * 3);
    const tags = [];
    while (tags.length < tagCount) {
      const tag = pick(topics);
      if (!tags.includes(tag)) tags.push(tag);
    }
    const paragraph = Array.from({ length: 5 + Math.floor(random() * 4) }, () => sentence(8, 18)).join(' ');
    return {
      id: `story-${i + 1}`,
      title: sentence(5, 10).slice(0, -1),
      content_text: paragraph,
      tags,
      _newsletter: { sources: [{ title: `Citation ${i + 1}` }] },
    };
  });
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `Benchmark issue with ${count} stories${topicCount ? ` and ${topicCount} topics` : ''}`,
    _newsletter: {
      name: 'Benchmark',
      issue_date: '2025-12-04',
      summary: 'A generated issue for measuring filters and search.',
      topics: topics.map((label) => ({ id: label.toLowerCase().replace(/[^a-z0-9]+/g, '-'), label })),
    },
    items,
  };
}
