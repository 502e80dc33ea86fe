/** Turkish texts of the admin pages (added to the UI dictionary through the feature seam). */
export const tr = {
  'users.intro':
    'Yönetici olarak hesapları açar, rollerini ve parolalarını yönetir, haber kaynaklarını ve denetim kaydını izlersiniz. İçerik ve başvurular uzman ve amir rollerindedir. Diğer sayfalarınız:',
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
  'users.intro':
    'As an administrator you open accounts, manage their roles and passwords, and look after the news sources and the audit log. Content and applications belong to the staff and supervisor roles. Your other pages:',
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
