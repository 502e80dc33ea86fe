/** Turkish texts of the notifications page and header link (keys prefixed `notifications.`). */
export const tr = {
  'notifications.title': 'Bildirimler',
  'notifications.header': 'Bildirimler',
  'notifications.intro':
    'Size atanan kayıtlar, onayınızı bekleyen yanıt taslakları, taslaklarınızın onaylanması ya da geri gönderilmesi, üst makama bildirilen başvurular ve yükseliş uyarıları burada, en yenisi üstte listelenir. Bir bildirimi açtığınızda okundu sayılır.',
  'notifications.list': 'Bildirimler, en yenisi üstte',
  'notifications.all': 'Tümü',
  'notifications.unreadOnly': 'Yalnızca okunmamışlar',
  'notifications.unread': 'Okunmadı',
  'notifications.read': 'Okundu',
  'notifications.markRead': 'Okundu olarak işaretle',
  'notifications.markAll': 'Tümünü okundu olarak işaretle',
  'notifications.markedOne': 'Bildirim okundu olarak işaretlendi.',
  'notifications.markedAll': '{n} bildirim okundu olarak işaretlendi.',
  'notifications.none': 'Bildiriminiz yok.',
  'notifications.noneUnread': 'Okunmamış bildiriminiz yok.',
  'notifications.summary': 'Toplam: {total} · Okunmamış: {unread}',
  'notifications.pages': 'Bildirim sayfaları',
  'notifications.newer': 'Daha yeni bildirimler',
  'notifications.older': 'Daha eski bildirimler',
  'notifications.pageOf': 'Sayfa {page} / {pages}',
  'notifications.someone': 'Bir kullanıcı',
  'notifications.gone': 'Bu kaydın içeriği artık gösterilemiyor.',
  'notifications.item_assigned': '{actor} size bir kayıt atadı',
  'notifications.item_assigned.many': '{actor} size {n} kayıt atadı',
  'notifications.response_submitted': '{actor} bir yanıt taslağını onayınıza gönderdi',
  'notifications.response_approved': '{actor} yanıt taslağınızı onayladı',
  'notifications.response_returned': '{actor} yanıt taslağınızı değişiklik istenerek geri gönderdi',
  'notifications.application_escalated':
    'Yasal yanıt süresi dolmak üzere olan bir başvuru üst makama bildirildi',
  'notifications.application_escalated.many':
    'Yasal yanıt süresi dolmak üzere olan {n} başvuru üst makama bildirildi',
  'notifications.surge_alert': 'Yükseliş uyarısı: bir iddia belirgin biçimde yayılıyor',
  'notifications.surge_alert.cluster': 'Yükseliş uyarısı: benzer gönderiler belirgin biçimde artıyor',
  'notifications.dueDate': 'Son gün: {date}',
  'notifications.province': 'İl: {province}',
  'notifications.allProvinces': 'Tüm iller',
  'notifications.badPage': 'Sayfa numarası 1 ile 1000 arasında bir sayı olmalı.',
  'notifications.badForm': 'Form eksik ya da bozuk geldi; bildirimler sayfasını yenileyip yeniden deneyin.',
  'notifications.announce': 'Yeni bildiriminiz var: {n} okunmamış',
} as const;

/** English texts (same keys). */
export const en: Record<keyof typeof tr, string> = {
  'notifications.title': 'Notifications',
  'notifications.header': 'Notifications',
  'notifications.intro':
    'Items assigned to you, draft responses waiting for your approval, your drafts approved or sent back, escalated applications and surge alerts are listed here, newest first. A notification counts as read once you open it.',
  'notifications.list': 'Notifications, newest first',
  'notifications.all': 'All',
  'notifications.unreadOnly': 'Unread only',
  'notifications.unread': 'Unread',
  'notifications.read': 'Read',
  'notifications.markRead': 'Mark as read',
  'notifications.markAll': 'Mark all as read',
  'notifications.markedOne': 'The notification was marked as read.',
  'notifications.markedAll': '{n} notifications were marked as read.',
  'notifications.none': 'You have no notifications.',
  'notifications.noneUnread': 'You have no unread notifications.',
  'notifications.summary': 'Total: {total} · Unread: {unread}',
  'notifications.pages': 'Notification pages',
  'notifications.newer': 'Newer notifications',
  'notifications.older': 'Older notifications',
  'notifications.pageOf': 'Page {page} of {pages}',
  'notifications.someone': 'Someone',
  'notifications.gone': 'What this was about can no longer be shown.',
  'notifications.item_assigned': '{actor} assigned an item to you',
  'notifications.item_assigned.many': '{actor} assigned {n} items to you',
  'notifications.response_submitted': '{actor} sent a draft response for your approval',
  'notifications.response_approved': '{actor} approved your draft response',
  'notifications.response_returned': '{actor} sent your draft response back with a request for changes',
  'notifications.application_escalated': 'An application whose legal deadline is near was escalated',
  'notifications.application_escalated.many': '{n} applications whose legal deadline is near were escalated',
  'notifications.surge_alert': 'Surge alert: a claim is spreading sharply',
  'notifications.surge_alert.cluster': 'Surge alert: similar posts are rising sharply',
  'notifications.dueDate': 'Due: {date}',
  'notifications.province': 'Province: {province}',
  'notifications.allProvinces': 'All provinces',
  'notifications.badPage': 'The page number must be a number from 1 to 1000.',
  'notifications.badForm':
    'The form arrived incomplete or damaged; reload the notifications page and try again.',
  'notifications.announce': 'You have new notifications: {n} unread',
};

type NotificationsMessages = typeof tr;
declare module '../../web/ui/i18n.js' {
  interface Messages extends NotificationsMessages {}
}
