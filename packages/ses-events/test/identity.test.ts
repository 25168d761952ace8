import { describe, expect, it } from 'vitest';
import { configurationSetOf, sendingIdentityCandidates } from '../src/index.ts';
import { fixtureBody, parseSes } from './helpers.ts';

describe('sendingIdentityCandidates', () => {
  it('lists address, domain, parent domains, then the sourceArn identity', () => {
    const mail = {
      source: '"News" <News@Mail.EU.Example.com>',
      sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/Example.com',
    };
    expect(sendingIdentityCandidates(mail)).toEqual([
      'news@mail.eu.example.com',
      'mail.eu.example.com',
      'eu.example.com',
      'example.com',
    ]);
  });

  it('adds a different identity from sourceArn (sending authorization)', () => {
    const mail = {
      source: 'a@b.example.net',
      sourceArn: 'arn:aws:ses:us-east-1:111122223333:identity/owner@partner.org',
    };
    expect(sendingIdentityCandidates(mail)).toEqual([
      'a@b.example.net',
      'b.example.net',
      'example.net',
      'owner@partner.org',
    ]);
  });

  it('works on the documented Bounce (display-name source, address identity)', () => {
    const { mail } = parseSes(fixtureBody('bounce')).detail;
    expect(sendingIdentityCandidates(mail)).toEqual(['sender@example.com', 'example.com']);
  });

  it('works without sourceArn (documented Open and Click records)', () => {
    const { mail } = parseSes(fixtureBody('click')).detail;
    expect(sendingIdentityCandidates(mail)).toEqual(['sender@example.com', 'example.com']);
  });

  it('ignores ARNs that do not name an SES identity', () => {
    const mail = {
      source: 'x@example.com',
      sourceArn: 'arn:aws:ses:us-east-1:123456789012:configuration-set/cs',
    };
    expect(sendingIdentityCandidates(mail)).toEqual(['x@example.com', 'example.com']);
    expect(sendingIdentityCandidates({ source: 'x@example.com', sourceArn: 'nonsense' })).toEqual([
      'x@example.com',
      'example.com',
    ]);
  });

  it('handles other AWS partitions', () => {
    const mail = {
      source: 'x@example.cn',
      sourceArn: 'arn:aws-cn:ses:cn-north-1:123456789012:identity/example.cn',
    };
    expect(sendingIdentityCandidates(mail)).toEqual(['x@example.cn', 'example.cn']);
  });
});

describe('configurationSetOf', () => {
  it('reads the ses:configuration-set tag', () => {
    expect(configurationSetOf(parseSes(fixtureBody('delivery')).detail.mail)).toBe('ConfigSet');
  });

  it('returns "" when neither the tag nor the header exists', () => {
    const { mail } = parseSes(fixtureBody('rendering-failure')).detail;
    expect(configurationSetOf({ ...mail, tags: {} })).toBe('');
  });
});
