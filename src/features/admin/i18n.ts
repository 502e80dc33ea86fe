/** Turkish texts of the admin pages (added to the UI dictionary through the feature seam). */
export const tr = {
  'users.intro':
    'Yönetici olarak hesapları açar, rollerini ve parolalarını yönetir, haber kaynaklarını ve denetim kaydını izlersiniz. İçerik ve başvurular uzman ve amir rollerindedir. Diğer sayfalarınız:',
  'tokens.title': 'API anahtarları',
  'tokens.intro':
    'Başka sistemler API’ye bu anahtarlarla bağlanır: içe aktarma (ingest), okuma (read) ya da yönetim (admin). Bir anahtar yalnızca oluşturulduğunda bir kez gösterilir; saklanan yalnızca özetidir. Kullanılmayan anahtarı iptal edin.',
  'tokens.list': 'Anahtarlar',
  'tokens.name': 'Ad',
  'tokens.scopes': 'Yetkiler',
  'tokens.createdAt': 'Oluşturulma',
  'tokens.lastUsed': 'Son kullanım',
  'tokens.state': 'Durum',
  'tokens.never': 'hiç',
  'tokens.revokedAt': '{at} tarihinde iptal edildi',
  'tokens.revoke': 'İptal et',
  'tokens.revokeLabel': 'İptal et: “{name}” anahtarı',
  'tokens.new': 'Yeni anahtar',
  'tokens.create': 'Anahtar oluştur',
  'tokens.created': '“{name}” oluşturuldu. Anahtarı şimdi kopyalayın; bir daha gösterilmeyecek:',
  'tokens.invalid': 'Bir ad (2–100 karakter) yazın, en az bir yetki seçin; geçerlilik 1–3650 gün olabilir.',
  'tokens.expiresDays': 'Geçerlilik süresi (gün, isteğe bağlı)',
  'tokens.expiresHint': 'Boş bırakırsanız anahtar iptal edilene kadar geçerli kalır.',
  'tokens.expiresAt': '{at} tarihine kadar geçerli.',
  'tokens.expiredAt': '{at} tarihinde süresi doldu',
  'tokens.scope.ingest': 'İçe aktarma',
  'tokens.scope.read': 'Okuma',
  'tokens.scope.admin': 'Yönetim',
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
  'tokens.title': 'API tokens',
  'tokens.intro':
    'Other systems connect to the API with these tokens: ingest, read or admin. A token is shown once, when it is created; only its hash is stored. Revoke a token nobody uses.',
  'tokens.list': 'Tokens',
  'tokens.name': 'Name',
  'tokens.scopes': 'Rights',
  'tokens.createdAt': 'Created',
  'tokens.lastUsed': 'Last used',
  'tokens.state': 'State',
  'tokens.never': 'never',
  'tokens.revokedAt': 'revoked on {at}',
  'tokens.revoke': 'Revoke',
  'tokens.revokeLabel': 'Revoke the token “{name}”',
  'tokens.new': 'New token',
  'tokens.create': 'Create token',
  'tokens.created': '“{name}” was created. Copy the token now; it will not be shown again:',
  'tokens.invalid':
    'Give a name (2–100 characters) and choose at least one right; validity may be 1–3650 days.',
  'tokens.expiresDays': 'Valid for (days, optional)',
  'tokens.expiresHint': 'Leave empty and the token stays valid until it is revoked.',
  'tokens.expiresAt': 'Valid until {at}.',
  'tokens.expiredAt': 'expired on {at}',
  'tokens.scope.ingest': 'Ingest',
  'tokens.scope.read': 'Read',
  'tokens.scope.admin': 'Admin',
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
