// Simulated readers for the relevance bench. Each has hidden interests: phrases matched on a paper's title and
// abstract (the ground truth), which the model never sees. It only learns from the votes' paper text, and from the
// one keyword some readers follow at the start (a natural word, not the whole hidden definition).
import type { Paper } from '../../src/papers/index.ts';
import type { ReaderInterests } from '../../src/relevance/index.ts';
import type { Preferences } from '../../src/subscribers/index.ts';

export interface SimulatedReader {
  name: string;
  prefs: Preferences;
  /** Any of these interests; within one, every pattern must match (AND), each a set of phrases (OR). */
  interest: RegExp[][];
  /** What the reader sets on the preferences page on day one. */
  interests: ReaderInterests;
}

const none = { keywords: [], authors: [], organizations: [], mutes: [] };

const ALL = ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'];

export const READERS: readonly SimulatedReader[] = [
  {
    name: 'diffusion distillation',
    prefs: { topics: ['image-generation'], perTopic: 5, alsoTrending: true },
    interest: [
      [
        /distill|few-step|one-step|single-step|consistency model|fast sampling|accelerat|efficient/,
        /diffusion|flow matching/,
      ],
      [/image editing|personali[sz]|subject-driven|style transfer/],
    ],
    interests: none,
  },
  {
    name: 'humanoid & robot learning',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [[/humanoid|locomotion|legged|quadruped|dexterous|manipulation|vision-language-action|\bvla\b|embodied/]],
    interests: { ...none, keywords: ['humanoid'] },
  },
  {
    name: 'GUI & web agents',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [
      [
        /\bgui\b|web agent|web navigation|computer use|computer-use|mobile agent|screenshot|browser|deep research|search agent|tool use|tool-use/,
      ],
    ],
    interests: none,
  },
  {
    name: 'video world models',
    prefs: { topics: ['image-generation', 'visual-rl'], perTopic: 5, alsoTrending: true },
    interest: [
      [/world model|video generation|video diffusion|text-to-video|video synthesis|image-to-video|video editing/],
    ],
    interests: { ...none, keywords: ['world model'] },
  },
  {
    name: 'medical & science',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [[/medical|clinical|radiolog|patholog|biomedical|patient|healthcare|chemistry|molecul|protein/]],
    interests: none,
  },
  {
    name: '3D gaussian splatting',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [
      [
        /gaussian splatting|3dgs|nerf|radiance field|3d reconstruction|novel view|3d generation|point cloud|\bmesh|3d scene/,
      ],
    ],
    interests: none,
  },
  {
    name: 'LLM reasoning RL',
    prefs: { topics: ['vlm-reasoning'], perTopic: 5, alsoTrending: true },
    interest: [[/reinforcement learning|\brl\b|grpo|rlvr|policy optimization|reward model/, /reasoning|math/]],
    interests: { ...none, mutes: ['text-to-image'] },
  },
  {
    name: 'speech & multilingual',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [[/speech|audio|\btts\b|spoken|voice|music/], [/multilingual|low-resource|translation/]],
    interests: none,
  },
  {
    name: 'efficient LLM inference',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [
      [
        /quantiz|kv cache|sparse attention|speculative decoding|pruning|long.context|mixture.of.experts|\bmoe\b|inference (cost|efficien|speed|accelera)/,
      ],
    ],
    interests: none,
  },
  {
    name: 'code agents & safety',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [
      [/code generation|software engineering|swe-bench|coding agent|program synthesis|\bcoding\b/],
      [/jailbreak|red.teaming|harmful|safety alignment|unsafe/],
    ],
    interests: { ...none, keywords: ['code generation'] },
  },
];

/**
 * A second, disjoint set of readers with other interests (and other follows and mutes), so settings chosen on the
 * first set are checked on readers they were not tuned on. A paper may interest readers of both sets (a RAG paper
 * can mention hallucination), but no interest is shared.
 */
export const READERS_B: readonly SimulatedReader[] = [
  {
    name: 'theorem proving & olympiads',
    prefs: { topics: ['vlm-reasoning'], perTopic: 5, alsoTrending: true },
    interest: [
      [
        /theorem|\blean\b|lean ?4|formal (proof|verification|mathemat)|autoformali|olympiad|\bimo\b|proof assistant|geometry problem/,
      ],
    ],
    interests: { ...none, keywords: ['theorem proving'] },
  },
  {
    name: 'retrieval & RAG',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [
      [
        /retrieval-augmented|retrieval augmented|\brag\b|retriever|dense retrieval|rerank|embedding model|text embedding/,
      ],
    ],
    interests: none,
  },
  {
    name: 'visual tokenizers & AR generation',
    prefs: { topics: ['image-generation'], perTopic: 5, alsoTrending: true },
    interest: [
      [/tokeniz/, /image|visual|video/],
      [/autoregressive (image|visual|video)|masked generative|visual autoregressive|next-scale/],
    ],
    interests: none,
  },
  {
    name: 'hallucination & factuality',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [[/hallucinat|factuality|faithful|calibrat|uncertainty estimation|misinformation|fact-check/]],
    interests: { ...none, mutes: ['humanoid'] },
  },
  {
    name: 'long video understanding',
    prefs: { topics: ['vlm-reasoning', 'image-generation'], perTopic: 5, alsoTrending: true },
    interest: [
      [
        /video understanding|long video|video question|video-?llm|video large language|temporal grounding|video reasoning/,
      ],
    ],
    interests: { ...none, keywords: ['long video'] },
  },
  {
    name: 'driving & spatial perception',
    prefs: { topics: ['robotics', 'visual-rl'], perTopic: 5, alsoTrending: true },
    interest: [
      [
        /autonomous driving|self-driving|\blidar\b|occupancy|bird's-eye|\bbev\b|depth estimation|spatial (reasoning|intelligence|understanding)/,
      ],
    ],
    interests: none,
  },
  {
    name: 'documents, OCR & charts',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [
      [
        /\bocr\b|document (understanding|parsing|image)|chart|table (understanding|reasoning)|scientific figure|infographic|\bpdf/,
      ],
    ],
    interests: none,
  },
  {
    name: 'data curation & synthetic data',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [
      [
        /synthetic data|data curation|data selection|data mixture|data quality|pretraining data|data synthesis|data filtering/,
      ],
    ],
    interests: none,
  },
  {
    name: 'interpretability',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [
      [/interpretab|sparse autoencoder|mechanistic|\bprobing|\bneurons?\b|circuit|steering vector|activation steering/],
    ],
    interests: { ...none, keywords: ['sparse autoencoder'] },
  },
  {
    name: 'segmentation & detection',
    prefs: { topics: ALL, perTopic: 5, alsoTrending: true },
    interest: [[/segmentation|object detection|open-vocabulary|referring expression|\bsam\b|segment anything/]],
    interests: none,
  },
];

/** The hidden truth: does this paper interest the reader? */
export function isRelevant(reader: SimulatedReader, paper: Paper): boolean {
  const text = `${paper.title}\n${paper.abstract}`.toLowerCase();
  return reader.interest.some((all) => all.every((r) => r.test(text)));
}

/** A small seeded generator (mulberry32), so every run votes the same way. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
