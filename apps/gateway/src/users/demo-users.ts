import type { Role } from '#serapan/auth';

/** Password of every demo user; documented in docs/demo-users.md. */
export const DEMO_PASSWORD = 'Serapan!2025';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  vendorId?: string;
  satkerCode?: string;
  klCode?: string;
  ppk?: boolean;
}

/** Fixed vendor ids, so catalog data made in a demo stays tied to its vendor user. */
export const DEMO_VENDOR_IDS = {
  medika: 'a1000000-0000-4000-8000-000000000001',
  karya: 'a1000000-0000-4000-8000-000000000002',
  sinar: 'a1000000-0000-4000-8000-000000000003',
} as const;

/** One user for every role and scope: keep docs/demo-users.md in step. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'vendor.medika', displayName: 'PT Nusantara Medika Utama', role: 'vendor', vendorId: DEMO_VENDOR_IDS.medika },
  { username: 'vendor.karya', displayName: 'CV Karya Anak Bangsa (UMK)', role: 'vendor', vendorId: DEMO_VENDOR_IDS.karya },
  { username: 'vendor.sinar', displayName: 'PT Sinar Teknologi Indonesia', role: 'vendor', vendorId: DEMO_VENDOR_IDS.sinar },
  { username: 'ppk.415423', displayName: 'Rina Wulandari (PPK, Satker 415423)', role: 'officer', satkerCode: '415423', klCode: '024', ppk: true },
  { username: 'pp.415423', displayName: 'Sari Handayani (Pejabat Pengadaan, Satker 415423)', role: 'officer', satkerCode: '415423', klCode: '024', ppk: false },
  { username: 'ppk.632481', displayName: 'Hendra Gunawan (PPK, Satker 632481)', role: 'officer', satkerCode: '632481', klCode: '024', ppk: true },
  { username: 'pp.632481', displayName: 'Agus Setiawan (Pejabat Pengadaan, Satker 632481)', role: 'officer', satkerCode: '632481', klCode: '024', ppk: false },
  { username: 'bendahara.415423', displayName: 'Dewi Lestari (Bendahara, Satker 415423)', role: 'finance', satkerCode: '415423', klCode: '024' },
  { username: 'bendahara.632481', displayName: 'Budi Santoso (Bendahara, Satker 632481)', role: 'finance', satkerCode: '632481', klCode: '024' },
  { username: 'keuangan.024', displayName: 'Biro Keuangan K/L 024', role: 'finance', klCode: '024' },
  { username: 'auditor', displayName: 'Inspektorat (Auditor)', role: 'auditor' },
];
