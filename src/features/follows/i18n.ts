/** Turkish texts of the follows pages (merged into the UI dictionary; keys prefixed `follows.`). */
export const tr = {
  'follows.nav': 'Takip',
  'follows.title': 'Takip ettiklerim',
  'follows.intro':
    'Seçtiğiniz konulardan birini taşıyan ya da seçtiğiniz ilde yayımlanan her yeni yanıt, webhook adresinize ve kişisel akışınıza gelir. Hiçbir şey seçmezseniz hiçbir şey gönderilmez.',
  'follows.saved': 'Kaydedildi.',
  'follows.errorSummary': 'Form kaydedilemedi. Lütfen işaretli alanları düzeltin.',
  'follows.followsHeading': 'Konular ve iller',
  'follows.topics': 'Konular',
  'follows.noTopics': 'Yayımlanmış yanıtlarda henüz konu yok; aşağıya kendiniz yazabilirsiniz.',
  'follows.topicsOther': 'Diğer konular',
  'follows.topicsOtherHint':
    'Virgülle ya da satır satır ayırın; en çok 50 konu, her biri en çok 60 karakter.',
  'follows.provinces': 'İller',
  'follows.summary': '{topics} konu, {provinces} il takip ediliyor.',
  'follows.save': 'Takip listesini kaydet',
  'follows.webhookHeading': 'Webhook',
  'follows.webhookIntro':
    'Eşleşen her yayında ve düzeltmede adresinize imzalı bir JSON isteği (POST) gönderilir. Adres https olmalıdır; iç ağ adresleri kabul edilmez.',
  'follows.webhookUrl': 'Webhook adresi (URL)',
  'follows.webhookNone': 'Webhook ayarlı değil.',
  'follows.webhookCurrent': 'Şu anki adres:',
  'follows.webhookSave': 'Adresi kaydet',
  'follows.webhookRemove': 'Webhook’u kaldır',
  'follows.rotateSecret': 'Yeni imza anahtarı oluştur',
  'follows.secretShown':
    'İmza anahtarınız aşağıdadır. Yalnızca bu kez gösterilir; şimdi kopyalayıp güvenli bir yerde saklayın. Eski anahtar artık geçersizdir.',
  'follows.secretLabel': 'İmza anahtarı',
  'follows.verifyHeading': 'İmza nasıl doğrulanır?',
  'follows.verify1':
    'X-Kopru-Signature başlığı t=<unix zamanı>,v1=<imza> biçimindedir. Anahtarınızla "t.gövde" metninin (zaman, nokta, isteğin ham gövdesi) HMAC-SHA256 özetini onaltılık olarak hesaplayın ve v1 ile sabit zamanlı karşılaştırın.',
  'follows.verify2':
    '5 dakikadan eski t değerlerini reddedin. X-Kopru-Delivery her yeniden denemede aynıdır; aynı kimliği ikinci kez işlemeyin. 2xx dışındaki yanıtlarda gönderim artan aralıklarla toplam 8 kez denenir.',
  'follows.deliveries': 'Son gönderimler',
  'follows.noDeliveries': 'Henüz gönderim yok.',
  'follows.colTime': 'Zaman',
  'follows.colEvent': 'Olay',
  'follows.colResponse': 'Yanıt',
  'follows.colStatus': 'Durum',
  'follows.colAttempts': 'Deneme',
  'follows.colError': 'Son hata',
  'follows.event.response.published': 'Yayın',
  'follows.event.response.corrected': 'Düzeltme',
  'follows.status.pending': 'Sırada',
  'follows.status.retrying': 'Yeniden denenecek',
  'follows.status.delivered': 'Teslim edildi',
  'follows.status.failed': 'Başarısız',
  'follows.status.cancelled': 'İptal edildi',
  'follows.feedHeading': 'Kişisel akış',
  'follows.feedIntro':
    'Gizli bir adresle takip ettiğiniz yanıtları RSS ya da Atom okuyucunuzda izleyin. Adresi bilen herkes akışı okuyabilir; paylaşmayın.',
  'follows.feedNone': 'Kişisel akış adresi yok.',
  'follows.feedExists':
    'Bir akış adresiniz var. Güvenlik için yalnızca oluşturulduğunda gösterildi; yenisini oluşturursanız eskisi çalışmaz.',
  'follows.feedCreate': 'Akış adresi oluştur',
  'follows.feedRotate': 'Yeni akış adresi oluştur',
  'follows.feedRevoke': 'Akış adresini iptal et',
  'follows.feedShown': 'Yeni akış adresleriniz aşağıdadır. Yalnızca bu kez gösterilir.',
  'follows.feedAtom': 'Atom adresi',
  'follows.feedRss': 'RSS adresi',
  'follows.feedTitle': 'Köprü: takip ettiğim doğrulanmış yanıtlar',
  'follows.feedDescription': 'Takip ettiğiniz konu ve illerdeki yayımlanmış, doğrulanmış yanıtlar.',
  'follows.errUrl': 'Geçerli bir https adresi girin.',
  'follows.errTopics': "Konular geçersiz: harf, rakam, boşluk ve - . _ / & ' kullanın; en çok 50 konu.",
  'follows.errProvince': 'Bilinmeyen il seçildi.',
} as const;

/** English texts: one per Turkish key. */
export const en: Record<keyof typeof tr, string> = {
  'follows.nav': 'Follows',
  'follows.title': 'What I follow',
  'follows.intro':
    'Every new response that carries one of the topics you choose, or is published for a province you choose, is sent to your webhook and your personal feed. If you choose nothing, nothing is sent.',
  'follows.saved': 'Saved.',
  'follows.errorSummary': 'The form could not be saved. Please correct the marked fields.',
  'follows.followsHeading': 'Topics and provinces',
  'follows.topics': 'Topics',
  'follows.noTopics': 'Published responses have no topics yet; you can type your own below.',
  'follows.topicsOther': 'Other topics',
  'follows.topicsOtherHint': 'Separate with commas or new lines; at most 50 topics of up to 60 characters.',
  'follows.provinces': 'Provinces',
  'follows.summary': 'Following {topics} topics and {provinces} provinces.',
  'follows.save': 'Save what I follow',
  'follows.webhookHeading': 'Webhook',
  'follows.webhookIntro':
    'Every matching publication and correction is sent to your address as a signed JSON request (POST). The address must use https; internal network addresses are refused.',
  'follows.webhookUrl': 'Webhook address (URL)',
  'follows.webhookNone': 'No webhook is set.',
  'follows.webhookCurrent': 'Current address:',
  'follows.webhookSave': 'Save address',
  'follows.webhookRemove': 'Remove webhook',
  'follows.rotateSecret': 'Create a new signing secret',
  'follows.secretShown':
    'Your signing secret is below. It is shown only this once; copy it now and keep it safe. The previous secret no longer works.',
  'follows.secretLabel': 'Signing secret',
  'follows.verifyHeading': 'How to verify the signature',
  'follows.verify1':
    'The X-Kopru-Signature header reads t=<unix time>,v1=<signature>. Compute the hex HMAC-SHA256 of "t.body" (the time, a dot, the raw request body) with your secret and compare it with v1 in constant time.',
  'follows.verify2':
    'Reject t values older than 5 minutes. X-Kopru-Delivery stays the same on every retry; do not process the same id twice. Answers other than 2xx are retried with growing delays, 8 attempts in all.',
  'follows.deliveries': 'Latest deliveries',
  'follows.noDeliveries': 'No deliveries yet.',
  'follows.colTime': 'Time',
  'follows.colEvent': 'Event',
  'follows.colResponse': 'Response',
  'follows.colStatus': 'Status',
  'follows.colAttempts': 'Attempts',
  'follows.colError': 'Last error',
  'follows.event.response.published': 'Publication',
  'follows.event.response.corrected': 'Correction',
  'follows.status.pending': 'Queued',
  'follows.status.retrying': 'Will retry',
  'follows.status.delivered': 'Delivered',
  'follows.status.failed': 'Failed',
  'follows.status.cancelled': 'Cancelled',
  'follows.feedHeading': 'Personal feed',
  'follows.feedIntro':
    'Follow the responses you follow in your RSS or Atom reader through a secret address. Anyone who knows the address can read the feed; do not share it.',
  'follows.feedNone': 'You have no personal feed address.',
  'follows.feedExists':
    'You have a feed address. For safety it was shown only when it was created; creating a new one stops the old one.',
  'follows.feedCreate': 'Create feed address',
  'follows.feedRotate': 'Create a new feed address',
  'follows.feedRevoke': 'Revoke feed address',
  'follows.feedShown': 'Your new feed addresses are below. They are shown only this once.',
  'follows.feedAtom': 'Atom address',
  'follows.feedRss': 'RSS address',
  'follows.feedTitle': 'Köprü: verified responses I follow',
  'follows.feedDescription': 'Published, verified responses on the topics and provinces you follow.',
  'follows.errUrl': 'Enter a valid https address.',
  'follows.errTopics': "Invalid topics: use letters, digits, spaces and - . _ / & '; at most 50 topics.",
  'follows.errProvince': 'An unknown province was chosen.',
} as const;

type FollowsMessages = typeof tr;
declare module '../../web/ui/i18n.js' {
  interface Messages extends FollowsMessages {}
}
