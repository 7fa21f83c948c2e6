// Placeholder until the relay lands (issue #3): says what is coming and what already works.
const fr = (process.env['LANG'] ?? '').startsWith('fr');
console.log(
  fr
    ? 'Intégrale : le relais et l’application web arrivent bientôt.\nDéjà disponible : npx integrale verify EXPORT.json [--coop ID] [--json]'
    : 'Intégrale: the relay and the web app are coming next.\nAlready available: npx integrale verify EXPORT.json [--coop ID] [--json]',
);
