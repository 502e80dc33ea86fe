/** Turkish texts of the alerts, digest and export pages (keys prefixed `alerts.`). */
export const tr = {
  'alerts.nav': 'Yükselenler',
  'alerts.title': 'Yükselenler',
  'alerts.header': 'Uyarılar',
  'alerts.intro':
    'Bir iddia ya da benzer gönderi kümesi son bir saatte önceki yedi güne göre belirgin biçimde arttığında burada bir uyarı çıkar. Her artış dönemi için tek uyarı verilir; zamanlar gönderilerin yayımlanma zamanıdır.',
  'alerts.list': 'Uyarılar, en yenisi üstte',
  'alerts.subject': 'Konu',
  'alerts.claim': 'İddia',
  'alerts.cluster': 'Benzer gönderi kümesi',
  'alerts.province': 'İl',
  'alerts.allProvinces': 'Tüm iller',
  'alerts.detectedAt': 'Başlangıç',
  'alerts.count': 'Son bir saatte',
  'alerts.expected': 'Olağan',
  'alerts.state': 'Durum',
  'alerts.ongoing': 'Sürüyor',
  'alerts.ended': 'Bitti',
  'alerts.acknowledged': 'Görüldü',
  'alerts.acknowledge': 'Görüldü olarak işaretle',
  'alerts.acknowledgedNotice': 'Uyarı görüldü olarak işaretlendi.',
  'alerts.openQueue': 'Kuyrukta göster',
  'alerts.unacknowledgedOnly': 'Yalnızca görülmemişler',
  'alerts.all': 'Tümü',
  'alerts.digest': 'Sabah özeti',
  'alerts.digest.intro':
    'Son 24 saatin kontrol edilmeye en değer yeni kümeleri ve yükselen iddialar, konuya göre gruplanmış.',
  'alerts.digest.newClusters': 'Kontrol edilmeye değer yeni kümeler',
  'alerts.digest.rising': 'Yükselen iddialar ve kümeler',
  'alerts.digest.items': '{n} gönderi',
  'alerts.digest.otherTopic': 'Diğer',
  'alerts.digest.feed': 'Kişisel özet beslemesi (Atom)',
  'alerts.digest.feedHint':
    'Beslemenin adresi size özeldir; başkasıyla paylaşmayın. Yeni adres oluşturunca eskisi çalışmaz.',
  'alerts.digest.rotate': 'Yeni besleme adresi oluştur',
  'alerts.digest.feedUrl': 'Besleme adresiniz (yalnızca bir kez gösterilir):',
  'alerts.digest.feedTitle': 'Köprü sabah özeti',
  'alerts.export': 'Dışa aktar',
  'alerts.exportCsv': 'CSV olarak indir',
  'alerts.exportJson': 'JSON olarak indir',
};

/** English texts (same keys). */
export const en: Record<keyof typeof tr, string> = {
  'alerts.nav': 'Rising',
  'alerts.title': 'Rising',
  'alerts.header': 'Alerts',
  'alerts.intro':
    'An alert appears here when a claim or a cluster of similar posts rises clearly in the last hour compared with the seven days before. There is one alert per rise; times are when the posts were published.',
  'alerts.list': 'Alerts, newest first',
  'alerts.subject': 'Subject',
  'alerts.claim': 'Claim',
  'alerts.cluster': 'Cluster of similar posts',
  'alerts.province': 'Province',
  'alerts.allProvinces': 'All provinces',
  'alerts.detectedAt': 'Started',
  'alerts.count': 'In the last hour',
  'alerts.expected': 'Usual',
  'alerts.state': 'State',
  'alerts.ongoing': 'Ongoing',
  'alerts.ended': 'Over',
  'alerts.acknowledged': 'Seen',
  'alerts.acknowledge': 'Mark as seen',
  'alerts.acknowledgedNotice': 'The alert was marked as seen.',
  'alerts.openQueue': 'Show in the queue',
  'alerts.unacknowledgedOnly': 'Unseen only',
  'alerts.all': 'All',
  'alerts.digest': 'Morning digest',
  'alerts.digest.intro':
    'The past 24 hours’ most check-worthy new clusters and the rising claims, grouped by topic.',
  'alerts.digest.newClusters': 'New clusters most worth checking',
  'alerts.digest.rising': 'Rising claims and clusters',
  'alerts.digest.items': '{n} posts',
  'alerts.digest.otherTopic': 'Other',
  'alerts.digest.feed': 'Personal digest feed (Atom)',
  'alerts.digest.feedHint':
    'The feed address is yours alone; do not share it. Creating a new address stops the old one.',
  'alerts.digest.rotate': 'Create a new feed address',
  'alerts.digest.feedUrl': 'Your feed address (shown only once):',
  'alerts.digest.feedTitle': 'Köprü morning digest',
  'alerts.export': 'Export',
  'alerts.exportCsv': 'Download as CSV',
  'alerts.exportJson': 'Download as JSON',
};

type AlertsMessages = typeof tr;
declare module '../../web/ui/i18n.js' {
  interface Messages extends AlertsMessages {}
}
