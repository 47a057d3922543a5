/**
 * Names of the K/L (kementerian/lembaga) by their budget section code (bagian
 * anggaran, BA), as the state budget lists them. Open data names a buyer's
 * ministry by these; a code not listed here is shown by its code alone.
 */
export const KL_NAMES: Readonly<Record<string, string>> = {
  '001': 'Majelis Permusyawaratan Rakyat',
  '002': 'Dewan Perwakilan Rakyat',
  '004': 'Badan Pemeriksa Keuangan',
  '005': 'Mahkamah Agung',
  '006': 'Kejaksaan Republik Indonesia',
  '007': 'Kementerian Sekretariat Negara',
  '010': 'Kementerian Dalam Negeri',
  '011': 'Kementerian Luar Negeri',
  '012': 'Kementerian Pertahanan',
  '013': 'Kementerian Hukum',
  '015': 'Kementerian Keuangan',
  '018': 'Kementerian Pertanian',
  '019': 'Kementerian Perindustrian',
  '020': 'Kementerian Energi dan Sumber Daya Mineral',
  '022': 'Kementerian Perhubungan',
  '023': 'Kementerian Pendidikan Dasar dan Menengah',
  '024': 'Kementerian Kesehatan',
  '025': 'Kementerian Agama',
  '026': 'Kementerian Ketenagakerjaan',
  '027': 'Kementerian Sosial',
  '029': 'Kementerian Kehutanan',
  '032': 'Kementerian Kelautan dan Perikanan',
  '033': 'Kementerian Pekerjaan Umum',
  '040': 'Kementerian Pariwisata',
  '044': 'Kementerian Koperasi',
  '060': 'Kepolisian Negara Republik Indonesia',
  '090': 'Kementerian Perdagangan',
};

/** The K/L's name, or "K/L <code>" when the list does not have it. */
export const klName = (code: string): string => KL_NAMES[code] ?? `K/L ${code}`;
