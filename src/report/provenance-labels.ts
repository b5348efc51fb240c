/**
 * The words for a report's provenance (docs/reports.md, "Provenance"), in each language, and the
 * one sentence every format states the verified head with.
 */
import type { Lang } from '../lang.js';
import type { Provenance } from './report-model.js';

export interface ProvenanceLabels {
  provenance: string;
  logHead: string;
  noLog: string;
  verified: string;
  verifiedYes: string;
  verifiedNo: string;
  file: string;
  kind: string;
  kinds: Record<Provenance['inputs'][number]['kind'], string>;
  fileDigest: string;
  noDigest: string;
  decisionId: string;
  inputDigest: string;
  /** The verified head as one sentence. */
  headSentence(seq: number, hash: string): string;
}

export const PROVENANCE_LABELS: Record<Lang, ProvenanceLabels> = {
  'zh-CN': {
    provenance: '来源与校验',
    logHead: '决策日志已校验的头（head）',
    noLog: '无：输入中没有决策日志',
    verified: '已校验',
    verifiedYes: '是：每个输入都是哈希链校验通过的决策日志',
    verifiedNo: '否：输入中有未经日志校验的决策记录或快照',
    file: '文件',
    kind: '类型',
    kinds: { log: '决策日志（已校验）', records: '决策记录', snapshots: '快照' },
    fileDigest: '文件 SHA-256',
    noDigest: '—（标准输入或目录）',
    decisionId: '决策 ID',
    inputDigest: '输入摘要',
    headSentence: (seq, hash) => `决策日志的哈希链已校验，头为 seq ${seq}，hash ${hash}。`,
  },
  en: {
    provenance: 'Provenance',
    logHead: 'Verified decision-log head',
    noLog: 'none: no input is a decision log',
    verified: 'Verified',
    verifiedYes: 'yes: every input is a decision log whose hash chain verified',
    verifiedNo: 'no: some input is decision records or snapshots that no log vouches for',
    file: 'File',
    kind: 'Kind',
    kinds: { log: 'decision log (verified)', records: 'decision records', snapshots: 'snapshots' },
    fileDigest: 'File SHA-256',
    noDigest: '— (stdin or a directory)',
    decisionId: 'Decision id',
    inputDigest: 'Input digest',
    headSentence: (seq, hash) =>
      `The decision log's hash chain verified; its head is seq ${seq}, hash ${hash}.`,
  },
};
