import { describe, expect, it } from 'vitest';
import { KNOWN_PROVIDERS, providerForDomain } from '../src/index.ts';

describe('providerForDomain', () => {
  it.each([
    ['Gmail', ['gmail.com', 'googlemail.com']],
    [
      'Microsoft',
      [
        'outlook.com',
        'hotmail.com',
        'live.com',
        'msn.com',
        'hotmail.co.uk',
        'outlook.fr',
        'live.com.au',
        'hotmail.de',
        'outlook.co.jp',
        'live.nl',
        'hotmail.com.br',
      ],
    ],
    [
      'Yahoo',
      [
        'yahoo.com',
        'yahoo.co.jp',
        'yahoo.fr',
        'yahoo.com.br',
        'yahoo.co.uk',
        'yahoo.de',
        'yahoo.com.au',
        'yahoo.co.in',
        'ymail.com',
        'rocketmail.com',
      ],
    ],
    ['Apple', ['icloud.com', 'me.com', 'mac.com']],
    ['AOL', ['aol.com', 'aol.co.uk', 'aol.fr', 'aol.de', 'aim.com']],
    ['Free.fr', ['free.fr']],
    ['Orange', ['orange.fr', 'wanadoo.fr']],
    ['GMX', ['gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.com', 'gmx.fr']],
    ['Web.de', ['web.de']],
    ['Yandex', ['yandex.ru', 'yandex.com', 'ya.ru', 'yandex.ua', 'yandex.kz']],
    ['Mail.ru', ['mail.ru', 'bk.ru', 'inbox.ru', 'list.ru']],
    ['Libero', ['libero.it']],
    ['Seznam', ['seznam.cz']],
    ['Naver', ['naver.com']],
    ['QQ', ['qq.com', 'foxmail.com']],
    ['NetEase', ['163.com', '126.com', 'yeah.net']],
    ['Sina', ['sina.com', 'sina.cn']],
    ['Daum', ['daum.net', 'hanmail.net']],
    ['Rediff', ['rediffmail.com']],
  ] as const)('maps %s domains', (provider, domains) => {
    for (const domain of domains) expect(providerForDomain(domain), domain).toBe(provider);
  });

  it('is case-insensitive and ignores surrounding space and a trailing dot', () => {
    expect(providerForDomain('GMail.COM')).toBe('Gmail');
    expect(providerForDomain(' Hotmail.Co.UK ')).toBe('Microsoft');
    expect(providerForDomain('yahoo.co.jp.')).toBe('Yahoo');
  });

  it('returns unknown domains raw, lower-cased', () => {
    expect(providerForDomain('Example.ORG')).toBe('example.org');
    expect(providerForDomain('corp.example.co.uk')).toBe('corp.example.co.uk');
    expect(providerForDomain('')).toBe('');
  });

  it('does not match a known label under an unknown suffix or a lookalike', () => {
    expect(providerForDomain('hotmail.example')).toBe('hotmail.example');
    expect(providerForDomain('outlook.com.evil.net')).toBe('outlook.com.evil.net');
    expect(providerForDomain('mygmail.com')).toBe('mygmail.com');
    expect(providerForDomain('mail.gmail.com')).toBe('mail.gmail.com');
  });

  it('lists the canonical names with the spelling the spec uses', () => {
    expect(KNOWN_PROVIDERS).toEqual([
      'Gmail',
      'Microsoft',
      'Yahoo',
      'Apple',
      'AOL',
      'Free.fr',
      'Orange',
      'GMX',
      'Web.de',
      'Yandex',
      'Mail.ru',
      'Libero',
      'Seznam',
      'Naver',
      'QQ',
      'NetEase',
      'Sina',
      'Daum',
      'Rediff',
    ]);
  });
});
