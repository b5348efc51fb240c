/**
 * Every rule and consequence id of SPEC §3, through the public library API: when each rule holds
 * and when it fails, when each consequence is listed and when not, and the interpolated messages.
 *
 * Unless a test says otherwise, the evaluation time is the helper's capturedAt,
 * 2026-11-24T00:00:00Z, with the shipped rules (15-day cooling-off, 30-day phone release).
 */
import { describe, expect, it } from 'vitest';
import {
  loadPolicy,
  type Authorization,
  type EvaluateOptions,
  type EvaluationResult,
  type PolicyResult,
} from '../src/index.js';
import { snapshot } from './helpers.js';

const policy = await loadPolicy();

type Overrides = Parameters<typeof snapshot>[0];

// Cancellation requests as seen at 2026-11-24T00:00:00Z.
/** Cooling off until 2026-12-05T00:00:00.000Z, 11 days remaining. */
const COOLING_OFF = { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: null };
/** Withdrawn by a login inside the period. */
const WITHDRAWN = { requestedAt: '2026-11-20T00:00:00Z', firstLoginAt: '2026-11-21T09:00:00Z' };
/** Cancelled at 2026-11-16T00:00:00.000Z; the phone is released at 2026-12-16T00:00:00.000Z. */
const CANCELLED_RECENTLY = { requestedAt: '2026-11-01T00:00:00Z', firstLoginAt: null };
/** Cancelled at 2026-10-16T00:00:00.000Z; the phone was released at 2026-11-15T00:00:00.000Z. */
const CANCELLED_LONG_AGO = { requestedAt: '2026-10-01T00:00:00Z', firstLoginAt: null };

const CARD = { id: 'card-1', bank: '招商银行', last4: '1234' };

function auth(
  kind: Authorization['kind'],
  name = `${kind} service`,
  id = `auth-${kind}`,
): Authorization {
  return { id, kind, name };
}

const ALL_KINDS: Authorization['kind'][] = [
  'app',
  'mini_program',
  'official_account_admin',
  'wecom',
  'open_platform',
];

function evaluate(
  overrides: Overrides = {},
  options: EvaluateOptions = {},
): Promise<EvaluationResult> {
  return policy.evaluate(snapshot(overrides), options);
}

/** The reasons of a policy without their messages: rule id and source, in order. */
function reasonsOf(
  result: PolicyResult | undefined,
): { rule: string; source: string }[] | undefined {
  return result?.reasons.map(({ rule, source }) => ({ rule, source }));
}

function ruleIds(result: PolicyResult | undefined): string[] | undefined {
  return result?.reasons.map((reason) => reason.rule);
}

function consequenceIds(result: PolicyResult | undefined): string[] | undefined {
  return result?.consequences.map((consequence) => consequence.id);
}

function messageOf(result: PolicyResult | undefined, rule: string): string | undefined {
  return result?.reasons.find((reason) => reason.rule === rule)?.message;
}

describe('cancel', () => {
  it('passes for an account with Pay off, an empty wallet, no bindings and no request', async () => {
    const { cancel } = (await evaluate()).policies;
    expect(cancel.outcome).toBe('pass');
    expect(cancel.reasons).toEqual([]);
    expect(consequenceIds(cancel)).toEqual([
      'cancel.cooling-off-starts',
      'cancel.data-deleted',
      'cancel.phone-released',
    ]);
  });

  it.each([
    {
      when: 'Pay is switched on',
      rule: 'cancel.pay-closed',
      source: '2.1',
      overrides: { pay: { enabled: true } },
    },
    {
      when: 'the wallet holds 1 fen',
      rule: 'cancel.balance-zero',
      source: '2.1',
      overrides: { pay: { balanceFen: 1 } },
    },
    {
      when: 'a transaction is unfinished',
      rule: 'cancel.no-pending-transactions',
      source: '2.1',
      overrides: { pay: { pendingTransactions: 1 } },
    },
    {
      when: 'an order awaits a refund',
      rule: 'cancel.no-pending-refunds',
      source: '2.1',
      overrides: { pay: { pendingRefunds: 1 } },
    },
    {
      when: 'an app holds a WeChat login',
      rule: 'cancel.third-party-revoked',
      source: '3.2',
      overrides: { authorizations: [auth('app')] },
    },
    {
      when: 'a mini program holds a WeChat login',
      rule: 'cancel.third-party-revoked',
      source: '3.2',
      overrides: { authorizations: [auth('mini_program')] },
    },
    {
      when: 'the account administers an official account',
      rule: 'cancel.official-account-admin-released',
      source: '3.2',
      overrides: { authorizations: [auth('official_account_admin')] },
    },
    {
      when: 'a WeChat Work link remains',
      rule: 'cancel.wecom-unlinked',
      source: '3.2',
      overrides: { authorizations: [auth('wecom')] },
    },
    {
      when: 'an Open Platform permission remains',
      rule: 'cancel.open-platform-revoked',
      source: '3.2',
      overrides: { authorizations: [auth('open_platform')] },
    },
    {
      when: 'a request is cooling off',
      rule: 'cancel.not-in-progress',
      source: '5',
      overrides: { cancellation: COOLING_OFF },
    },
    {
      when: 'the account is already cancelled',
      rule: 'cancel.not-in-progress',
      source: '5',
      overrides: { cancellation: CANCELLED_LONG_AGO },
    },
  ])('fails with $rule alone when $when', async ({ rule, source, overrides }) => {
    const { cancel } = (await evaluate(overrides)).policies;
    expect(cancel.outcome).toBe('fail');
    expect(reasonsOf(cancel)).toEqual([{ rule, source }]);
    expect(cancel.consequences).toEqual([]);
  });

  it.each([
    {
      rule: 'cancel.pay-closed',
      when: 'Pay is off though the wallet is not empty',
      overrides: { pay: { enabled: false, balanceFen: 100 } },
      others: ['cancel.balance-zero'],
    },
    {
      rule: 'cancel.balance-zero',
      when: 'the wallet is empty though Pay is on',
      overrides: { pay: { enabled: true, balanceFen: 0 } },
      others: ['cancel.pay-closed'],
    },
    {
      rule: 'cancel.no-pending-transactions',
      when: 'no transaction is pending though a refund is',
      overrides: { pay: { pendingRefunds: 2 } },
      others: ['cancel.no-pending-refunds'],
    },
    {
      rule: 'cancel.no-pending-refunds',
      when: 'no refund is pending though a transaction is',
      overrides: { pay: { pendingTransactions: 2 } },
      others: ['cancel.no-pending-transactions'],
    },
    {
      rule: 'cancel.third-party-revoked',
      when: 'only non-login bindings remain',
      overrides: {
        authorizations: [auth('official_account_admin'), auth('wecom'), auth('open_platform')],
      },
      others: [
        'cancel.official-account-admin-released',
        'cancel.wecom-unlinked',
        'cancel.open-platform-revoked',
      ],
    },
    {
      rule: 'cancel.official-account-admin-released',
      when: 'every other kind of binding remains',
      overrides: {
        authorizations: [auth('app'), auth('mini_program'), auth('wecom'), auth('open_platform')],
      },
      others: [
        'cancel.third-party-revoked',
        'cancel.wecom-unlinked',
        'cancel.open-platform-revoked',
      ],
    },
    {
      rule: 'cancel.wecom-unlinked',
      when: 'every other kind of binding remains',
      overrides: {
        authorizations: [
          auth('app'),
          auth('mini_program'),
          auth('official_account_admin'),
          auth('open_platform'),
        ],
      },
      others: [
        'cancel.third-party-revoked',
        'cancel.official-account-admin-released',
        'cancel.open-platform-revoked',
      ],
    },
    {
      rule: 'cancel.open-platform-revoked',
      when: 'every other kind of binding remains',
      overrides: {
        authorizations: [
          auth('app'),
          auth('mini_program'),
          auth('official_account_admin'),
          auth('wecom'),
        ],
      },
      others: [
        'cancel.third-party-revoked',
        'cancel.official-account-admin-released',
        'cancel.wecom-unlinked',
      ],
    },
    {
      rule: 'cancel.not-in-progress',
      when: 'the last request was withdrawn by a login',
      overrides: { cancellation: WITHDRAWN },
      others: [],
    },
  ])('$rule holds when $when', async ({ rule, overrides, others }) => {
    const { cancel } = (await evaluate(overrides)).policies;
    expect(ruleIds(cancel)).toEqual(others);
    expect(ruleIds(cancel)).not.toContain(rule);
  });

  it('gives one reason per failing rule, in rule order rather than snapshot order', async () => {
    const result = await evaluate({
      pay: { enabled: true, balanceFen: 1250, pendingTransactions: 2, pendingRefunds: 3 },
      authorizations: [...ALL_KINDS].reverse().map((kind) => auth(kind)),
      cancellation: COOLING_OFF,
    });
    expect(reasonsOf(result.policies.cancel)).toEqual([
      { rule: 'cancel.pay-closed', source: '2.1' },
      { rule: 'cancel.balance-zero', source: '2.1' },
      { rule: 'cancel.no-pending-transactions', source: '2.1' },
      { rule: 'cancel.no-pending-refunds', source: '2.1' },
      { rule: 'cancel.third-party-revoked', source: '3.2' },
      { rule: 'cancel.official-account-admin-released', source: '3.2' },
      { rule: 'cancel.wecom-unlinked', source: '3.2' },
      { rule: 'cancel.open-platform-revoked', source: '3.2' },
      { rule: 'cancel.not-in-progress', source: '5' },
    ]);
  });

  it('is not blocked by bound bank cards', async () => {
    const { cancel } = (await evaluate({ pay: { bankCards: [CARD, { id: 'card-2' }] } })).policies;
    expect(cancel.outcome).toBe('pass');
    expect(cancel.reasons).toEqual([]);
  });

  it.each([
    { fen: 1250, amount: '¥12.50' },
    { fen: 1, amount: '¥0.01' },
    { fen: 100, amount: '¥1.00' },
    { fen: Number.MAX_SAFE_INTEGER, amount: '¥90071992547409.91' },
  ])('shows a balance of $fen fen as $amount in both languages', async ({ fen, amount }) => {
    const overrides = { pay: { balanceFen: fen } };
    expect(messageOf((await evaluate(overrides)).policies.cancel, 'cancel.balance-zero')).toBe(
      `零钱余额 ${amount} 尚未清空，请先提现或用完。`,
    );
    expect(
      messageOf((await evaluate(overrides, { lang: 'en' })).policies.cancel, 'cancel.balance-zero'),
    ).toBe(`The wallet still holds ${amount}; withdraw or spend it first.`);
  });

  it('names the apps and mini programs still holding a login, joined per language', async () => {
    const overrides = {
      authorizations: [auth('app', '美团外卖'), auth('mini_program', '滴滴出行')],
    };
    expect(
      messageOf((await evaluate(overrides)).policies.cancel, 'cancel.third-party-revoked'),
    ).toBe('以下应用或小程序仍持有微信登录授权，请先解除：美团外卖、滴滴出行。');
    expect(
      messageOf(
        (await evaluate(overrides, { lang: 'en' })).policies.cancel,
        'cancel.third-party-revoked',
      ),
    ).toBe(
      'These apps or mini programs still hold a WeChat login; revoke them first: 美团外卖, 滴滴出行.',
    );
  });

  it('names the official accounts, WeChat Work links and Open Platform permissions that remain', async () => {
    const overrides = {
      authorizations: [
        auth('official_account_admin', '某某公众号'),
        auth('wecom', 'Acme Corp'),
        auth('open_platform', 'Acme Dev'),
      ],
    };
    const { cancel } = (await evaluate(overrides, { lang: 'en' })).policies;
    expect(messageOf(cancel, 'cancel.official-account-admin-released')).toBe(
      'The account still administers these official accounts; give up the admin role first: 某某公众号.',
    );
    expect(messageOf(cancel, 'cancel.wecom-unlinked')).toBe(
      'The account is still linked to WeChat Work; unlink it first: Acme Corp.',
    );
    expect(messageOf(cancel, 'cancel.open-platform-revoked')).toBe(
      'The account still holds Open Platform permissions; revoke them first: Acme Dev.',
    );
  });

  it('says when the pending request was made', async () => {
    const result = await evaluate({ cancellation: COOLING_OFF }, { lang: 'en' });
    expect(messageOf(result.policies.cancel, 'cancel.not-in-progress')).toBe(
      'Cancellation was already requested at 20 Nov 2026, 08:00 (UTC+08:00) and is in its cooling-off period or already complete; there is no need to request it again.',
    );
  });

  it('interpolates the rule parameters into its consequences', async () => {
    expect((await evaluate()).policies.cancel.consequences).toEqual([
      {
        id: 'cancel.cooling-off-starts',
        message: '提交后进入 15 天冷静期；期间只要登录一次，注销申请即自动撤回。',
      },
      {
        id: 'cancel.data-deleted',
        message:
          '冷静期结束后，聊天记录、群聊身份、收藏等全部数据将被永久删除且无法恢复，其他人也无法再搜索到该账号。',
      },
      {
        id: 'cancel.phone-released',
        message: '注销完成 30 天后，绑定的手机号将自动解绑，可用于注册新账号。',
      },
    ]);
    expect((await evaluate({}, { lang: 'en' })).policies.cancel.consequences).toEqual([
      {
        id: 'cancel.cooling-off-starts',
        message:
          'A 15-day cooling-off period starts; a single login during it withdraws the request.',
      },
      {
        id: 'cancel.data-deleted',
        message:
          'When the cooling-off period ends, all data — messages, group memberships, favourites — is deleted for good and nobody can find the account any more.',
      },
      {
        id: 'cancel.phone-released',
        message:
          '30 days after the cancellation completes, the bound phone number is released and can register a new account.',
      },
    ]);
  });
});

describe('unbind', () => {
  it('is absent from policies when no target is given', async () => {
    const result = await evaluate({ pay: { bankCards: [CARD] } });
    expect(Object.keys(result.policies)).toEqual(['cancel', 'withdraw', 'phone-reuse']);
    expect(result.policies.unbind).toBeUndefined();
  });

  it('is present, in second place, when a target is given', async () => {
    const result = await evaluate({ pay: { bankCards: [CARD] } }, { unbind: 'card-1' });
    expect(Object.keys(result.policies)).toEqual(['cancel', 'unbind', 'withdraw', 'phone-reuse']);
  });

  it('passes for a bound bank card, listing that Pay keeps working with the other cards', async () => {
    const { unbind } = (
      await evaluate({ pay: { bankCards: [CARD, { id: 'card-2' }] } }, { unbind: 'card-1' })
    ).policies;
    expect(unbind?.outcome).toBe('pass');
    expect(unbind?.reasons).toEqual([]);
    expect(consequenceIds(unbind)).toEqual([
      'unbind.account-retained',
      'unbind.phone-stays-bound',
      'unbind.no-undo',
      'unbind.other-cards-usable',
    ]);
  });

  it('does not promise other cards when the card is the only one', async () => {
    const { unbind } = (await evaluate({ pay: { bankCards: [CARD] } }, { unbind: 'card-1' }))
      .policies;
    expect(unbind?.outcome).toBe('pass');
    expect(consequenceIds(unbind)).toEqual([
      'unbind.account-retained',
      'unbind.phone-stays-bound',
      'unbind.no-undo',
    ]);
  });

  it.each(ALL_KINDS)(
    'passes for a bound %s authorization, without unbind.other-cards-usable',
    async (kind) => {
      const { unbind } = (
        await evaluate(
          { pay: { bankCards: [CARD] }, authorizations: [auth(kind)] },
          { unbind: `auth-${kind}` },
        )
      ).policies;
      expect(unbind?.outcome).toBe('pass');
      expect(unbind?.reasons).toEqual([]);
      expect(consequenceIds(unbind)).toEqual([
        'unbind.account-retained',
        'unbind.phone-stays-bound',
        'unbind.no-undo',
      ]);
    },
  );

  it('fails with unbind.target-bound when no binding has the target id, naming it', async () => {
    const overrides = { pay: { bankCards: [CARD] }, authorizations: [auth('app')] };
    const zh = (await evaluate(overrides, { unbind: 'card-9' })).policies.unbind;
    expect(zh?.outcome).toBe('fail');
    expect(reasonsOf(zh)).toEqual([{ rule: 'unbind.target-bound', source: '1' }]);
    expect(zh?.consequences).toEqual([]);
    expect(messageOf(zh, 'unbind.target-bound')).toBe(
      '该账号上没有找到 ID 为「card-9」的银行卡或第三方授权，请核对 ID 是否正确。',
    );
    const en = (await evaluate(overrides, { unbind: 'card-9', lang: 'en' })).policies.unbind;
    expect(messageOf(en, 'unbind.target-bound')).toBe(
      'No bank card or authorization with id "card-9" was found on this account; check that the id is right.',
    );
  });

  it('fails with unbind.account-active when the account is cancelled', async () => {
    const result = await evaluate(
      { pay: { bankCards: [CARD] }, cancellation: CANCELLED_RECENTLY },
      { unbind: 'card-1', lang: 'en' },
    );
    expect(reasonsOf(result.policies.unbind)).toEqual([
      { rule: 'unbind.account-active', source: '1' },
    ]);
    expect(result.policies.unbind?.consequences).toEqual([]);
    expect(messageOf(result.policies.unbind, 'unbind.account-active')).toBe(
      'The account was cancelled for good at 16 Nov 2026, 08:00 (UTC+08:00); there is nothing left to unbind.',
    );
  });

  it('fails with both rules, in rule order, for a missing target on a cancelled account', async () => {
    const result = await evaluate({ cancellation: CANCELLED_RECENTLY }, { unbind: 'card-9' });
    expect(ruleIds(result.policies.unbind)).toEqual([
      'unbind.target-bound',
      'unbind.account-active',
    ]);
  });

  it.each([
    { state: 'none', cancellation: null },
    { state: 'withdrawn', cancellation: WITHDRAWN },
    { state: 'cooling_off', cancellation: COOLING_OFF },
  ])(
    'unbind.account-active holds while the lifecycle is $state',
    async ({ state, cancellation }) => {
      const result = await evaluate(
        { pay: { bankCards: [CARD] }, cancellation },
        { unbind: 'card-1' },
      );
      expect(result.lifecycle.state).toBe(state);
      expect(result.policies.unbind?.outcome).toBe('pass');
      expect(result.policies.unbind?.reasons).toEqual([]);
    },
  );

  it('passes regardless of Pay, the balance, pending payments and other bindings', async () => {
    const result = await evaluate(
      {
        pay: {
          enabled: true,
          balanceFen: 99_999,
          pendingTransactions: 3,
          pendingRefunds: 2,
          bankCards: [CARD, { id: 'card-2' }],
        },
        authorizations: ALL_KINDS.map((kind) => auth(kind)),
      },
      { unbind: 'card-1' },
    );
    expect(result.policies.cancel.outcome).toBe('fail');
    expect(result.policies.unbind?.outcome).toBe('pass');
    expect(result.policies.unbind?.reasons).toEqual([]);
  });

  it('names the target in unbind.account-retained', async () => {
    const overrides = {
      pay: { bankCards: [CARD] },
      authorizations: [auth('app', '美团外卖', 'meituan')],
    };
    const en = (await evaluate(overrides, { unbind: 'meituan', lang: 'en' })).policies.unbind;
    expect(en?.consequences).toEqual([
      {
        id: 'unbind.account-retained',
        message:
          'After unbinding 美团外卖, the account remains; chats, contacts and Moments stay and you can log in as usual.',
      },
      {
        id: 'unbind.phone-stays-bound',
        message: 'The phone number stays bound to this account and cannot register a new account.',
      },
      {
        id: 'unbind.no-undo',
        message: 'Unbinding has no system-level undo; some services let you bind again.',
      },
    ]);
    const zh = (await evaluate(overrides, { unbind: 'meituan' })).policies.unbind;
    expect(zh?.consequences[0]?.message).toBe(
      '解绑「美团外卖」后，账号仍然存在，聊天记录、好友、朋友圈等数据全部保留，可正常登录使用。',
    );
  });
});

describe('withdraw', () => {
  it.each([
    { state: 'none', cancellation: null },
    { state: 'withdrawn', cancellation: WITHDRAWN },
  ])(
    'fails with withdraw.cancellation-requested alone when the lifecycle is $state',
    async ({ state, cancellation }) => {
      const result = await evaluate({ cancellation });
      expect(result.lifecycle.state).toBe(state);
      expect(result.policies.withdraw.outcome).toBe('fail');
      expect(reasonsOf(result.policies.withdraw)).toEqual([
        { rule: 'withdraw.cancellation-requested', source: '5.1' },
      ]);
      expect(result.policies.withdraw.consequences).toEqual([]);
    },
  );

  it('passes while cooling off, saying how many days a login can still withdraw it', async () => {
    const zh = (await evaluate({ cancellation: COOLING_OFF })).policies.withdraw;
    expect(zh).toEqual({
      outcome: 'pass',
      reasons: [],
      consequences: [
        {
          id: 'withdraw.login-cancels',
          message:
            '在剩余的 11 天内、2026年12月5日 08:00（北京时间）之前登录一次，即可撤回注销申请。',
        },
      ],
    });
    const en = (await evaluate({ cancellation: COOLING_OFF }, { lang: 'en' })).policies.withdraw;
    expect(en.consequences).toEqual([
      {
        id: 'withdraw.login-cancels',
        message:
          'Logging in once within the remaining 11 days, until 5 Dec 2026, 08:00 (UTC+08:00), withdraws the request.',
      },
    ]);
  });

  it('counts a part of a day as a whole remaining day in withdraw.login-cancels', async () => {
    const result = await evaluate(
      { cancellation: COOLING_OFF },
      { now: '2026-12-04T12:00:00Z', lang: 'en' },
    );
    expect(result.policies.withdraw.consequences).toEqual([
      {
        id: 'withdraw.login-cancels',
        message:
          'Logging in once within the remaining 1 day, until 5 Dec 2026, 08:00 (UTC+08:00), withdraws the request.',
      },
    ]);
  });

  it('fails with withdraw.cooling-off-active alone once the account is cancelled', async () => {
    const zh = (await evaluate({ cancellation: CANCELLED_RECENTLY })).policies.withdraw;
    expect(zh.outcome).toBe('fail');
    expect(reasonsOf(zh)).toEqual([{ rule: 'withdraw.cooling-off-active', source: '5.2' }]);
    expect(zh.consequences).toEqual([]);
    expect(messageOf(zh, 'withdraw.cooling-off-active')).toBe(
      '冷静期已于2026年11月16日 08:00（北京时间）结束，账号已正式注销，数据已永久删除，无法恢复。',
    );
    const en = (await evaluate({ cancellation: CANCELLED_RECENTLY }, { lang: 'en' })).policies
      .withdraw;
    expect(messageOf(en, 'withdraw.cooling-off-active')).toBe(
      'The cooling-off period ended at 16 Nov 2026, 08:00 (UTC+08:00); the account is cancelled and its data deleted for good.',
    );
  });
});

describe('phone-reuse', () => {
  it.each([
    {
      when: 'no cancellation was requested',
      overrides: { cancellation: null },
      reasons: [{ rule: 'phone-reuse.account-cancelled', source: '4.1' }],
    },
    {
      when: 'the request was withdrawn',
      overrides: { cancellation: WITHDRAWN },
      reasons: [{ rule: 'phone-reuse.account-cancelled', source: '4.1' }],
    },
    {
      when: 'the request is cooling off',
      overrides: { cancellation: COOLING_OFF },
      reasons: [{ rule: 'phone-reuse.account-cancelled', source: '4.1' }],
    },
    {
      when: 'cancelled, release period not over',
      overrides: { cancellation: CANCELLED_RECENTLY },
      reasons: [{ rule: 'phone-reuse.release-period-elapsed', source: '4.2' }],
    },
    {
      when: 'no phone is bound and nothing was requested',
      overrides: { phone: null, cancellation: null },
      reasons: [
        { rule: 'phone-reuse.phone-bound', source: '4' },
        { rule: 'phone-reuse.account-cancelled', source: '4.1' },
      ],
    },
    {
      when: 'no phone is bound, release period not over',
      overrides: { phone: null, cancellation: CANCELLED_RECENTLY },
      reasons: [
        { rule: 'phone-reuse.phone-bound', source: '4' },
        { rule: 'phone-reuse.release-period-elapsed', source: '4.2' },
      ],
    },
    {
      when: 'no phone is bound, release period over',
      overrides: { phone: null, cancellation: CANCELLED_LONG_AGO },
      reasons: [{ rule: 'phone-reuse.phone-bound', source: '4' }],
    },
  ])('fails when $when', async ({ overrides, reasons }) => {
    const result = (await evaluate(overrides)).policies['phone-reuse'];
    expect(result.outcome).toBe('fail');
    expect(reasonsOf(result)).toEqual(reasons);
    expect(result.consequences).toEqual([]);
  });

  it('passes once the account is cancelled and the release period is over', async () => {
    const zh = (await evaluate({ cancellation: CANCELLED_LONG_AGO })).policies['phone-reuse'];
    expect(zh).toEqual({
      outcome: 'pass',
      reasons: [],
      consequences: [
        { id: 'phone-reuse.register-new', message: '该手机号已释放，可以用来注册新的微信账号。' },
      ],
    });
    const en = (await evaluate({ cancellation: CANCELLED_LONG_AGO }, { lang: 'en' })).policies[
      'phone-reuse'
    ];
    expect(en.consequences).toEqual([
      {
        id: 'phone-reuse.register-new',
        message: 'The phone number is released and can register a new account.',
      },
    ]);
  });

  it('says when the phone number will be released', async () => {
    const zh = (await evaluate({ cancellation: CANCELLED_RECENTLY })).policies['phone-reuse'];
    expect(messageOf(zh, 'phone-reuse.release-period-elapsed')).toBe(
      '手机号将于2026年12月16日 08:00（北京时间）释放（注销完成 30 天后），届时才能注册新账号。',
    );
    const en = (await evaluate({ cancellation: CANCELLED_RECENTLY }, { lang: 'en' })).policies[
      'phone-reuse'
    ];
    expect(messageOf(en, 'phone-reuse.release-period-elapsed')).toBe(
      'The phone number is released 30 days after cancellation, at 16 Dec 2026, 08:00 (UTC+08:00); it can register a new account from then on.',
    );
  });

  it('keeps the phone bound when only a binding is unbound', async () => {
    const result = await evaluate({ pay: { bankCards: [CARD] } }, { unbind: 'card-1' });
    expect(consequenceIds(result.policies.unbind)).toContain('unbind.phone-stays-bound');
    expect(ruleIds(result.policies['phone-reuse'])).toEqual(['phone-reuse.account-cancelled']);
  });
});

describe('outcomes and languages', () => {
  const varied: { name: string; overrides: Overrides; options: EvaluateOptions }[] = [
    { name: 'a clean account', overrides: {}, options: {} },
    {
      name: 'a blocked account',
      overrides: {
        pay: { enabled: true, balanceFen: 5, bankCards: [CARD] },
        authorizations: [auth('wecom')],
      },
      options: { unbind: 'card-1' },
    },
    {
      name: 'a cooling-off account',
      overrides: { cancellation: COOLING_OFF },
      options: { unbind: 'nope' },
    },
    {
      name: 'a recently cancelled account',
      overrides: { cancellation: CANCELLED_RECENTLY, pay: { bankCards: [CARD] } },
      options: { unbind: 'card-1' },
    },
    {
      name: 'a long cancelled account',
      overrides: { cancellation: CANCELLED_LONG_AGO },
      options: {},
    },
    {
      name: 'a withdrawn request',
      overrides: { cancellation: WITHDRAWN, phone: null },
      options: {},
    },
  ];

  it.each(varied)(
    'for $name, a policy passes exactly when it has no reasons, and lists consequences only then',
    async ({ overrides, options }) => {
      const result = await evaluate(overrides, options);
      for (const outcome of Object.values(result.policies)) {
        expect(outcome.outcome).toBe(outcome.reasons.length === 0 ? 'pass' : 'fail');
        if (outcome.outcome === 'pass') expect(outcome.consequences.length).toBeGreaterThan(0);
        else expect(outcome.consequences).toEqual([]);
      }
    },
  );

  it('writes messages in Simplified Chinese by default and in English with lang en', async () => {
    const overrides = { pay: { enabled: true } };
    const byDefault = await evaluate(overrides);
    const zh = await evaluate(overrides, { lang: 'zh-CN' });
    const en = await evaluate(overrides, { lang: 'en' });
    expect(byDefault).toEqual(zh);
    expect(messageOf(zh.policies.cancel, 'cancel.pay-closed')).toBe(
      '微信支付仍处于开通状态，请先关闭微信支付。',
    );
    expect(messageOf(en.policies.cancel, 'cancel.pay-closed')).toBe(
      'WeChat Pay is still switched on; turn it off first.',
    );
  });

  it.each(varied)(
    'for $name, the language changes only the messages',
    async ({ overrides, options }) => {
      const withoutMessages = (result: EvaluationResult): unknown =>
        JSON.parse(
          JSON.stringify(result, (key, value: unknown) => (key === 'message' ? undefined : value)),
        );
      const zh = await evaluate(overrides, options);
      const en = await evaluate(overrides, { ...options, lang: 'en' });
      expect(withoutMessages(en)).toEqual(withoutMessages(zh));
      expect(JSON.stringify(en)).not.toBe(JSON.stringify(zh));
    },
  );
});
