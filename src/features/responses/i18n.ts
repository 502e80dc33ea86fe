/** Turkish texts of the responses pages (added to the UI dictionary through the feature seam). */
export const tr = {
  'draft.forItem': 'Yanıtlar',
  'draft.kind': 'Tür',
  'draft.kind.public': 'Kamuya açık yanıt',
  'draft.kind.reply': 'Başvuru sahibine yanıt',
  'draft.new': 'Yeni yanıt taslağı',
  'draft.response': 'Yanıt',
  'draft.titleField': 'Başlık',
  'draft.claimReviewed': 'İncelenen iddia',
  'draft.summary': 'Özet',
  'draft.body': 'Metin (Markdown)',
  'draft.bodyHint':
    'Başlık (#), liste (-), **kalın**, *eğik*, [bağlantı](https://…) kullanılabilir; HTML gösterilmez.',
  'draft.sources': 'Kaynaklar',
  'draft.lang': 'Yanıt dili',
  'draft.save': 'Taslağı kaydet',
  'draft.backToItem': 'Kayda dön',
  'draft.workflow': 'Onay akışı',
  'draft.state': 'Durum',
  'draft.note': 'Not',
  'draft.block.no_verdict': 'Yayımlamadan önce bu yanıtın ilgili olduğu kayda bir doğrulama kararı kaydedin.',
  'draft.block.unconfirmed_verdict': 'Kayıt işaretli: yanıt yayımlanmadan önce kararını bir amir onaylamalı.',
  'draft.block.go': 'Kaydı aç',
  'draft.fourEyes':
    'Bu yanıtın yazarlarından birisiniz: dört göz ilkesi gereği başka bir amir onaylamalıdır.',
  'draft.preview': 'Önizleme (sürüm {n})',
  'draft.versions': 'Sürümler',
  'draft.edit': 'Yeni sürüm yaz',
  'draft.action.submit': 'Onaya gönder',
  'draft.action.approve': 'Onayla',
  'draft.action.request_changes': 'Değişiklik iste',
  'draft.action.publish': 'Yayımla',
  'draft.action.edit': 'Düzenle',
  'drafts.title': 'Yanıtlar',
  'drafts.mine': 'Benim taslaklarım',
  'drafts.waiting': 'Onay bekleyenler',
  'drafts.approved': 'Yayıma hazır',
  'pub.title': 'Yayımlanan doğrulamalar',
  'pub.read': 'Tam metni oku',
} as const;

/** English texts of the responses pages; every key of `tr`. */
export const en: Record<keyof typeof tr, string> = {
  'draft.forItem': 'Responses',
  'draft.kind': 'Type',
  'draft.kind.public': 'Public response',
  'draft.kind.reply': 'Reply to the applicant',
  'draft.new': 'New response draft',
  'draft.response': 'Response',
  'draft.titleField': 'Title',
  'draft.claimReviewed': 'Claim reviewed',
  'draft.summary': 'Summary',
  'draft.body': 'Body (Markdown)',
  'draft.bodyHint':
    'Headings (#), lists (-), **bold**, *italic*, [link](https://…) are supported; HTML is not rendered.',
  'draft.sources': 'Sources',
  'draft.lang': 'Response language',
  'draft.save': 'Save draft',
  'draft.backToItem': 'Back to the item',
  'draft.workflow': 'Approval',
  'draft.state': 'State',
  'draft.note': 'Note',
  'draft.block.no_verdict': 'Before publishing, record a verdict on the item this response answers.',
  'draft.block.unconfirmed_verdict':
    'The item is flagged: a supervisor must confirm its verdict before the response is published.',
  'draft.block.go': 'Open the item',
  'draft.fourEyes':
    'You wrote part of this response: under the four-eyes rule another supervisor must approve it.',
  'draft.preview': 'Preview (version {n})',
  'draft.versions': 'Versions',
  'draft.edit': 'Write a new version',
  'draft.action.submit': 'Submit for approval',
  'draft.action.approve': 'Approve',
  'draft.action.request_changes': 'Request changes',
  'draft.action.publish': 'Publish',
  'draft.action.edit': 'Edit',
  'drafts.title': 'Responses',
  'drafts.mine': 'My drafts',
  'drafts.waiting': 'Awaiting approval',
  'drafts.approved': 'Ready to publish',
  'pub.title': 'Published fact-checks',
  'pub.read': 'Read the full text',
};

type ResponsesMessages = typeof tr;
declare module '../../web/ui/i18n.js' {
  interface Messages extends ResponsesMessages {}
}
