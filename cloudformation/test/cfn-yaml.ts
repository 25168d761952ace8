import { readFileSync } from 'node:fs';
import { type CollectionTag, parse, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * Parses a CloudFormation YAML template into the JSON form CloudFormation itself uses, turning the
 * short-form intrinsics (`!Ref X`, `!GetAtt A.B`, `!Sub [...]`, ...) into `{ Ref: ... }` /
 * `{ 'Fn::GetAtt': [...] }` objects so tests can compare plain values.
 */

const FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAZs',
  'GetAtt',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'Transform',
] as const;

function key(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

function scalarTag(name: string): ScalarTag {
  return {
    tag: `!${name}`,
    resolve: (value: string) => {
      // `!GetAtt Resource.Attribute` is the only short form whose scalar CloudFormation splits.
      if (name === 'GetAtt') {
        const dot = value.indexOf('.');
        return { [key(name)]: [value.slice(0, dot), value.slice(dot + 1)] };
      }
      return { [key(name)]: value };
    },
  };
}

function collectionTag(name: string, collection: 'map' | 'seq'): CollectionTag {
  return {
    tag: `!${name}`,
    collection,
    resolve: (value: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [key(name)]: value.toJSON() }),
  };
}

export const cfnTags: Array<ScalarTag | CollectionTag> = ['Ref', 'Condition', ...FUNCTIONS].flatMap(
  (name) => [scalarTag(name), collectionTag(name, 'seq'), collectionTag(name, 'map')],
);

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface Template {
  AWSTemplateFormatVersion: string;
  Description: string;
  Metadata: Record<string, Json>;
  Parameters: Record<string, Record<string, Json>>;
  Resources: Record<string, { Type: string; Properties: Record<string, Json>; [key: string]: Json }>;
  Outputs: Record<string, { Value: Json; Description?: string }>;
}

export function parseTemplate(source: string): Template {
  return parse(source, { customTags: cfnTags }) as Template;
}

export function loadTemplate(url: URL): { source: string; template: Template } {
  const source = readFileSync(url, 'utf8');
  return { source, template: parseTemplate(source) };
}

/** Every `Ref`, `Fn::GetAtt` target and `${Name}` of `Fn::Sub` strings found anywhere in `value`. */
export function references(value: Json): { refs: string[]; getAtts: string[][]; subVars: string[] } {
  const out = { refs: [] as string[], getAtts: [] as string[][], subVars: [] as string[] };
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'Ref' && typeof v === 'string') out.refs.push(v);
      else if (k === 'Fn::GetAtt' && Array.isArray(v)) out.getAtts.push(v as string[]);
      else if (k === 'Fn::Sub') {
        const text = Array.isArray(v) ? v[0] : v;
        if (typeof text === 'string') {
          for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) out.subVars.push(m[1]!);
        }
        if (Array.isArray(v)) visit(v.slice(1));
      } else visit(v);
    }
  };
  visit(value);
  return out;
}
