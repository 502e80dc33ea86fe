/** Turkish texts of the admin pages (added to the UI dictionary through the feature seam). */
export const tr = {
  'users.title': 'Kullanıcılar ve roller',
  'users.list': 'Kayıtlı kullanıcılar',
  'users.email': 'E-posta',
  'users.name': 'Ad soyad',
  'users.role': 'Rol',
  'users.roleAndState': 'Rol, durum ve parola',
  'users.disabled': 'Devre dışı',
  'users.newPassword': 'Yeni parola (isteğe bağlı)',
  'users.password': 'Parola (en az 12 karakter)',
  'users.create': 'Kullanıcı ekle',
} as const;

/** English texts of the admin pages; every key of `tr`. */
export const en: Record<keyof typeof tr, string> = {
  'users.title': 'Users and roles',
  'users.list': 'Registered users',
  'users.email': 'E-mail',
  'users.name': 'Full name',
  'users.role': 'Role',
  'users.roleAndState': 'Role, state and password',
  'users.disabled': 'Disabled',
  'users.newPassword': 'New password (optional)',
  'users.password': 'Password (at least 12 characters)',
  'users.create': 'Add user',
};

type AdminMessages = typeof tr;
declare module '../../web/ui/i18n.js' {
  interface Messages extends AdminMessages {}
}
