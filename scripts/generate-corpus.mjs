// Writes examples/corpus.ndjson: 3000 synthetic account snapshots, one JSON object a line, for
// `account-policy diff` to measure what a rule change would flip. A fixed seed makes re-running
// give byte-identical output (test/cli-diff.test.ts compares it with the committed file).
//
// Usage: node scripts/generate-corpus.mjs [output path]   (default: examples/corpus.ndjson)
//
// Every snapshot is valid under the shipped rules/ at its capturedAt. Requests are spread over
// the days around the 15-day cooling-off period and the 30-day phone release, so that changing
// coolingOffDays or phoneReleaseDays flips decisions.
import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNT = 3000;
const SEED = 20261124;
const CAPTURED_AT = '2026-11-24T00:00:00Z';
const CAPTURED_AT_MS = Date.parse(CAPTURED_AT);
const DAY_MS = 86_400_000;
/** rules/parameters.yaml: a login must fall inside [requestedAt, requestedAt + 15 days). */
const COOLING_OFF_DAYS = 15;

const NAMES = {
  app: [
    '美团',
    '滴滴出行',
    '京东',
    '拼多多',
    '大众点评',
    '携程旅行',
    '饿了么',
    '哔哩哔哩',
    '知乎',
    '小红书',
    '网易云音乐',
    '腾讯视频',
    '高德地图',
    '铁路12306',
    '得物',
    '闲鱼',
  ],
  mini_program: [
    '肯德基',
    '麦当劳',
    '瑞幸咖啡',
    '星巴克',
    '喜茶',
    '美团外卖',
    '腾讯乘车码',
    '国家政务服务平台',
    '粤省事',
    '随申办',
    '顺丰速运',
    '中国移动',
    '蜜雪冰城',
    '货拉拉',
  ],
  official_account_admin: [
    '城市生活指南',
    '每日读书会',
    '杭州美食地图',
    '阳光小区业主委员会',
    '老王的技术笔记',
    '山野徒步社',
    '小林摄影日记',
  ],
  wecom: [
    '示例科技有限公司',
    '杭州云帆网络科技有限公司',
    '上海启明教育咨询有限公司',
    '深圳星河智能制造有限公司',
    '北京博远律师事务所',
    '成都锦程物流有限公司',
  ],
  open_platform: ['示例开发者工作室', '云帆移动应用开发', '星河游戏工作室', '启明小程序开发组'],
};
const BANKS = [
  '工商银行',
  '建设银行',
  '农业银行',
  '中国银行',
  '招商银行',
  '交通银行',
  '浦发银行',
  '中信银行',
  '平安银行',
  '兴业银行',
  '民生银行',
  '邮储银行',
];
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '177',
  '180',
  '185',
  '186',
  '187',
  '188',
  '189',
];

/** mulberry32: a tiny seeded PRNG, good enough for test data and stable across Node versions. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(SEED);
const chance = (p) => random() < p;
const integer = (low, high) => low + Math.floor(random() * (high - low + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
/** An index chosen with the given weights, e.g. weighted([70, 30]) is 0 seven times in ten. */
function weighted(weights) {
  let roll = random() * weights.reduce((a, b) => a + b, 0);
  for (const [index, weight] of weights.entries()) if ((roll -= weight) < 0) return index;
  return weights.length - 1;
}

/** RFC 3339 in China Standard Time, whole seconds, as a real export would write it. */
function beijingTime(ms) {
  const seconds = Math.floor(ms / 1000) * 1000;
  return `${new Date(seconds + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** Realistic proportions: most accounts never asked to cancel. */
const LIFECYCLES = ['none', 'withdrawn', 'cooling_off', 'cancelled_recently', 'cancelled_long_ago'];
const LIFECYCLE_WEIGHTS = [70, 10, 7, 8, 5];

function cancellation(lifecycle) {
  const agoMs = (lowDays, highDays) =>
    Math.floor((lowDays + random() * (highDays - lowDays)) * DAY_MS);
  const requestedAt = (ago) => CAPTURED_AT_MS - ago;
  switch (lifecycle) {
    case 'none':
      return null;
    case 'cooling_off':
      return {
        requestedAt: beijingTime(requestedAt(agoMs(0.01, COOLING_OFF_DAYS - 0.01))),
        firstLoginAt: null,
      };
    case 'withdrawn': {
      // The login falls on any day of the period, but never after the snapshot was taken.
      const ago = agoMs(1, 400);
      const loginAfter = Math.max(
        60_000,
        Math.floor(random() * (Math.min(ago, COOLING_OFF_DAYS * DAY_MS) - 60_000)),
      );
      return {
        requestedAt: beijingTime(requestedAt(ago)),
        firstLoginAt: beijingTime(requestedAt(ago) + loginAfter),
      };
    }
    case 'cancelled_recently': // around the end of cooling-off + phone release (15 + 30 days)
      return {
        requestedAt: beijingTime(requestedAt(agoMs(COOLING_OFF_DAYS + 0.05, 75))),
        firstLoginAt: null,
      };
    default: // cancelled long ago
      return { requestedAt: beijingTime(requestedAt(agoMs(75, 730))), firstLoginAt: null };
  }
}

/** Money is mostly zero; otherwise spread from fen to thousands of yuan. */
function balanceFen() {
  return chance(0.65) ? 0 : Math.floor(Math.exp(random() * Math.log(2_000_000)));
}

function bankCards() {
  const cards = [];
  for (let i = 0, n = weighted([35, 35, 20, 10]); i < n; i += 1) {
    cards.push({
      id: `card-${i + 1}`,
      bank: pick(BANKS),
      last4: String(integer(0, 9999)).padStart(4, '0'),
    });
  }
  return cards;
}

const KINDS = Object.keys(NAMES);
function authorizations() {
  const list = [];
  const used = new Set();
  for (let i = 0, n = weighted([30, 30, 20, 12, 8]); i < n; i += 1) {
    const kind = KINDS[weighted([40, 35, 8, 10, 7])];
    const name = pick(NAMES[kind]);
    if (used.has(name)) continue; // one binding per service: a repeat simply means fewer bindings
    used.add(name);
    list.push({ id: `auth-${i + 1}`, kind, name });
  }
  return list;
}

function phone() {
  return chance(0.06)
    ? null
    : `+86 ${pick(PHONE_PREFIXES)} ${String(integer(0, 9999)).padStart(4, '0')} ${String(integer(0, 9999)).padStart(4, '0')}`;
}

function snapshot(index) {
  const lifecycle = LIFECYCLES[weighted(LIFECYCLE_WEIGHTS)];
  // A request is accepted only from an account that met every cancel rule, and a cooling-off or
  // cancelled account cannot act since: Pay off, wallet empty, nothing pending, no third party.
  const settled = lifecycle === 'cooling_off' || lifecycle.startsWith('cancelled');
  const pendingTransactions = chance(0.9) ? 0 : integer(1, 3);
  const pendingRefunds = chance(0.92) ? 0 : integer(1, 2);
  return {
    accountId: `wxid_corpus_${String(index).padStart(5, '0')}`,
    capturedAt: CAPTURED_AT,
    phone: phone(),
    pay: settled
      ? {
          enabled: false,
          balanceFen: 0,
          pendingTransactions: 0,
          pendingRefunds: 0,
          bankCards: lifecycle === 'cooling_off' ? bankCards() : [],
        }
      : {
          enabled: chance(0.55),
          balanceFen: balanceFen(),
          pendingTransactions,
          pendingRefunds,
          bankCards: bankCards(),
        },
    authorizations: settled ? [] : authorizations(),
    cancellation: cancellation(lifecycle),
  };
}

// Usage: node scripts/generate-corpus.mjs [output] [--count N]. Same seed, so the first 3000 of
// any count are the shipped corpus; the bench asks for more. Written in blocks, not held whole.
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const countAt = args.indexOf('--count');
const count = countAt >= 0 ? Number(args.splice(countAt, 2)[1]) : COUNT;
if (!Number.isSafeInteger(count) || count < 1) throw new Error('--count takes a whole number ≥ 1');
const output = resolve(args[0] ?? resolve(here, '../examples/corpus.ndjson'));
await mkdir(dirname(output), { recursive: true });
const file = await open(output, 'w');
for (let start = 1; start <= count; start += 10_000) {
  const lines = [];
  for (let index = start; index < Math.min(start + 10_000, count + 1); index++)
    lines.push(JSON.stringify(snapshot(index)));
  await file.write(`${lines.join('\n')}\n`);
}
await file.close();
console.log(`wrote ${count} snapshots to ${output}`);
