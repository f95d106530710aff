export const crumbs = [{ href: '/werkruimte', label: 'Werkruimte' }];
