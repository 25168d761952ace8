/** One-way dependencies: apps -> packages, never the reverse; no reaching into another package's internals. */
module.exports = {
  forbidden: [
    {
      name: 'packages-never-import-apps',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-other-apps-internals',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/src/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-deep-imports-into-packages',
      comment: 'use the package name and its exports, not relative paths into another package',
      severity: 'error',
      from: { path: '^(apps|packages)/([^/]+)/' },
      to: { path: '^packages/([^/]+)/', pathNot: '^packages/$2/', dependencyTypes: ['local'] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '(^|/)(node_modules|\\.sendops|\\.next|dist)/' },
  },
};
