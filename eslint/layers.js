/**
 * The layering rule: dependencies point one way, ui -> state -> {storage, sync, platform} -> core,
 * and server -> core. Checked on every import (static, dynamic and `export ... from`) so that a
 * wrong-way import is an error before it is a habit.
 *
 * A layer lists the layers it may import from and the npm packages it may use. Packages named in
 * ONLY_IN are reserved to one layer (Dexie to storage, Comlink to workers and the worker bridge),
 * whatever the importing layer's list says. PapaParse is reserved to none: it is a test oracle for
 * our tokenizer and a benchmark baseline, never shipped.
 */
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** @type {Record<string, { layers: string[]; packages: 'any' | string[] }>} */
export const LAYERS = {
  core: { layers: ['core'], packages: ['valibot', 'libphonenumber-js', 'i18n-iso-countries'] },
  storage: { layers: ['core', 'storage'], packages: ['dexie'] },
  sync: { layers: ['core', 'sync'], packages: [] },
  platform: { layers: ['core', 'platform', 'workers'], packages: 'any' },
  state: { layers: ['core', 'storage', 'sync', 'platform', 'state'], packages: 'any' },
  ui: { layers: ['core', 'state', 'ui'], packages: 'any' },
  main: { layers: ['core', 'storage', 'sync', 'platform', 'state', 'ui', 'main'], packages: 'any' },
  workers: { layers: ['core', 'storage', 'workers'], packages: 'any' },
  server: { layers: ['core', 'server'], packages: 'any' },
};

const ONLY_IN = {
  dexie: ['storage'],
  papaparse: [],
  comlink: ['workers', 'platform'],
  svelte: ['state', 'ui', 'main'],
};

function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep);
  if (rel[0] === 'src') {
    if (rel.length === 2) return 'main';
    return rel[1] in LAYERS ? rel[1] : undefined;
  }
  if (rel[0] === 'workers' || rel[0] === 'server') return rel[0];
  return undefined;
}

function packageName(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isTest = (file) => /\.(test|spec|contract)\.ts$/.test(file);

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports pointing one way between layers.' },
    schema: [],
    messages: {
      layer: '{{from}} may not import from {{to}} ("{{source}}"); allowed: {{allowed}}.',
      package: '{{from}} may not import the package "{{pkg}}"{{why}}.',
    },
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from || isTest(file)) return {};
    const rule = LAYERS[from];
    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source.startsWith('.') || source.startsWith('/')) {
        const target = path.resolve(path.dirname(file), source);
        const to = layerOf(target) ?? path.relative(ROOT, target);
        if (!rule.layers.includes(to)) {
          context.report({
            node,
            messageId: 'layer',
            data: { from, to, source, allowed: rule.layers.join(', ') },
          });
        }
        return;
      }
      if (source.startsWith('node:') && from !== 'server') {
        context.report({
          node,
          messageId: 'package',
          data: { from, pkg: source, why: ' (Node built-ins belong to server/)' },
        });
        return;
      }
      if (source.startsWith('virtual:')) return;
      const pkg = packageName(source);
      const reserved = ONLY_IN[pkg];
      if (reserved && !reserved.includes(from)) {
        context.report({
          node,
          messageId: 'package',
          data: { from, pkg, why: reserved.length ? ` (only ${reserved.join(', ')} may)` : ' (tests only)' },
        });
        return;
      }
      if (rule.packages !== 'any' && !rule.packages.includes(pkg) && !source.startsWith('node:')) {
        context.report({
          node,
          messageId: 'package',
          data: { from, pkg, why: rule.packages.length ? ` (allowed: ${rule.packages.join(', ')})` : '' },
        });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
