import { lazy, type ComponentType } from 'react';
import { SearchPage } from '../pages/search/search-page';

export type RouteAccess = 'public' | 'account' | 'member' | 'manager' | 'admin';

export interface PageProps {
  params: Record<string, string>;
}

export interface RouteDef {
  path: string;
  title: string;
  access: RouteAccess;
  component: ComponentType<PageProps>;
}

// Only the search (the landing page) is in the first bundle; every other
// screen is its own chunk, loaded when visited.
const page = <K extends string>(load: () => Promise<Record<K, ComponentType<PageProps>>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const SpacePage = page(() => import('../pages/space/space-page'), 'SpacePage');
const BookingRequestPage = page(() => import('../pages/booking-request/booking-request-page'), 'BookingRequestPage');
const RulesPage = page(() => import('../pages/info/rules-page'), 'RulesPage');
const VerifyConventionPage = page(() => import('../pages/info/verify-convention-page'), 'VerifyConventionPage');
const LegalNoticePage = page(() => import('../pages/info/legal-pages'), 'LegalNoticePage');
const PrivacyPage = page(() => import('../pages/info/privacy-page'), 'PrivacyPage');
const CookiesPage = page(() => import('../pages/info/cookies-page'), 'CookiesPage');
const AccessibilityPage = page(() => import('../pages/info/legal-pages'), 'AccessibilityPage');
const SiteMapPage = page(() => import('../pages/info/legal-pages'), 'SiteMapPage');
const ComponentsPage = page(() => import('../pages/info/components-page'), 'ComponentsPage');
const LoginPage = page(() => import('../pages/login/login-page'), 'LoginPage');
const AccountPage = page(() => import('../pages/account/account-page'), 'AccountPage');
const PersonalDataPage = page(() => import('../pages/account/personal-data-page'), 'PersonalDataPage');
const OrganisationsPage = page(() => import('../pages/organisations/organisations-page'), 'OrganisationsPage');
const DeclareOrganisationPage = page(
  () => import('../pages/organisations/declare-organisation-page'),
  'DeclareOrganisationPage',
);
const ContactClaimPage = page(() => import('../pages/organisations/contact-claim-page'), 'ContactClaimPage');
const JoinOrganisationPage = page(
  () => import('../pages/organisations/join-organisation-page'),
  'JoinOrganisationPage',
);
const MyBookingsPage = page(() => import('../pages/my-bookings/my-bookings-page'), 'MyBookingsPage');
const BookingPage = page(() => import('../pages/my-bookings/booking-page'), 'BookingPage');
const SeriesPage = page(() => import('../pages/my-bookings/series-page'), 'SeriesPage');
const BookingMessagesPage = page(() => import('../pages/my-bookings/booking-messages-page'), 'BookingMessagesPage');
const ManagerHomePage = page(() => import('../pages/manager/manager-home-page'), 'ManagerHomePage');
const RequestsPage = page(() => import('../pages/manager/requests-page'), 'RequestsPage');
const StaffEntryPage = page(() => import('../pages/manager/staff-entry-page'), 'StaffEntryPage');
const EstablishmentCalendarPage = page(
  () => import('../pages/manager/establishment-calendar-page'),
  'EstablishmentCalendarPage',
);
const EstablishmentPlanningPage = page(() => import('../pages/planning/planning-pages'), 'EstablishmentPlanningPage');
const DepartmentPlanningPage = page(() => import('../pages/planning/planning-pages'), 'DepartmentPlanningPage');
const SpacesPage = page(() => import('../pages/manager/spaces-page'), 'SpacesPage');
const SpaceEditorPage = page(() => import('../pages/manager/space-editor-page'), 'SpaceEditorPage');
const ClosuresPage = page(() => import('../pages/manager/closures-page'), 'ClosuresPage');
const CancellationPolicyPage = page(
  () => import('../pages/manager/cancellation-policy-page'),
  'CancellationPolicyPage',
);
const RevenuePage = page(() => import('../pages/manager/revenue-page'), 'RevenuePage');
const AdminHomePage = page(() => import('../pages/admin/admin-home-page'), 'AdminHomePage');
const AdminEstablishmentsPage = page(() => import('../pages/admin/establishments-page'), 'AdminEstablishmentsPage');
const OrganisationQueuePage = page(() => import('../pages/admin/organisation-queue-page'), 'OrganisationQueuePage');
const StatisticsPage = page(() => import('../pages/admin/statistics-page'), 'StatisticsPage');
const ImportExportPage = page(() => import('../pages/admin/import-export-page'), 'ImportExportPage');
const FailedMessagesPage = page(() => import('../pages/admin/failed-messages-page'), 'FailedMessagesPage');
const ErasureRequestsPage = page(() => import('../pages/admin/erasure-requests-page'), 'ErasureRequestsPage');
const ConventionTemplatePage = page(() => import('../pages/admin/convention-template-page'), 'ConventionTemplatePage');
const PaymentFlagsPage = page(() => import('../pages/admin/payment-flags-page'), 'PaymentFlagsPage');
const ConventionsToSignPage = page(() => import('../pages/admin/conventions-to-sign-page'), 'ConventionsToSignPage');
const ReconciliationPage = page(() => import('../pages/admin/reconciliation-page'), 'ReconciliationPage');
const AuditLogPage = page(() => import('../pages/audit/audit-log-page'), 'AuditLogPage');
export const NotFoundPage = page(() => import('../pages/info/not-found-page'), 'NotFoundPage');

export const ROUTES: RouteDef[] = [
  { path: '/', title: 'Rechercher une salle', access: 'public', component: SearchPage },
  { path: '/espaces/:spaceId', title: 'Espace', access: 'public', component: SpacePage },
  {
    path: '/espaces/:spaceId/reserver',
    title: 'Demander une réservation',
    access: 'member',
    component: BookingRequestPage,
  },
  { path: '/regles', title: 'Règles d’utilisation et conditions d’accès', access: 'public', component: RulesPage },
  {
    path: '/verifier-une-convention',
    title: 'Vérifier une convention',
    access: 'public',
    component: VerifyConventionPage,
  },
  { path: '/mentions-legales', title: 'Mentions légales', access: 'public', component: LegalNoticePage },
  { path: '/donnees-personnelles', title: 'Données personnelles', access: 'public', component: PrivacyPage },
  { path: '/cookies', title: 'Cookies', access: 'public', component: CookiesPage },
  { path: '/accessibilite', title: 'Accessibilité', access: 'public', component: AccessibilityPage },
  { path: '/plan-du-site', title: 'Plan du site', access: 'public', component: SiteMapPage },
  { path: '/composants', title: 'Composants', access: 'public', component: ComponentsPage },
  { path: '/connexion', title: 'Connexion', access: 'public', component: LoginPage },
  { path: '/compte', title: 'Mon compte', access: 'account', component: AccountPage },
  { path: '/compte/mes-donnees', title: 'Mes données personnelles', access: 'account', component: PersonalDataPage },
  { path: '/organisations', title: 'Mon organisation', access: 'member', component: OrganisationsPage },
  {
    path: '/organisations/nouvelle',
    title: 'Déclarer une organisation',
    access: 'member',
    component: DeclareOrganisationPage,
  },
  {
    path: '/organisations/revendiquer',
    title: 'Revendiquer un organisme',
    access: 'member',
    component: ContactClaimPage,
  },
  // Public: the page itself asks a visitor to sign in, keeping the link's secret (in the fragment) across the login.
  { path: '/rejoindre', title: 'Rejoindre une organisation', access: 'public', component: JoinOrganisationPage },
  { path: '/mes-reservations', title: 'Mes réservations', access: 'member', component: MyBookingsPage },
  { path: '/reservations/:bookingId', title: 'Réservation', access: 'account', component: BookingPage },
  { path: '/series/:seriesId', title: 'Série de réservations', access: 'account', component: SeriesPage },
  {
    path: '/reservations/:bookingId/messages',
    title: 'Messages envoyés',
    access: 'account',
    component: BookingMessagesPage,
  },
  // Where the payment service's checkout sends the payer back (`confirme` or `annule`).
  {
    path: '/reservations/:bookingId/paiement/:paymentOutcome',
    title: 'Réservation',
    access: 'account',
    component: BookingPage,
  },
  { path: '/gestion', title: 'Mon établissement', access: 'manager', component: ManagerHomePage },
  { path: '/gestion/:establishmentId', title: 'Mon établissement', access: 'manager', component: ManagerHomePage },
  {
    path: '/gestion/:establishmentId/demandes',
    title: 'Demandes à traiter',
    access: 'manager',
    component: RequestsPage,
  },
  {
    path: '/gestion/:establishmentId/saisie',
    title: 'Saisir une demande',
    access: 'manager',
    component: StaffEntryPage,
  },
  {
    path: '/gestion/:establishmentId/calendrier',
    title: 'Calendrier du collège',
    access: 'manager',
    component: EstablishmentCalendarPage,
  },
  {
    path: '/gestion/:establishmentId/planning',
    title: 'Planning du collège',
    access: 'manager',
    component: EstablishmentPlanningPage,
  },
  { path: '/gestion/:establishmentId/espaces', title: 'Espaces du collège', access: 'manager', component: SpacesPage },
  {
    path: '/gestion/:establishmentId/espaces/:spaceId',
    title: 'Modifier un espace',
    access: 'manager',
    component: SpaceEditorPage,
  },
  { path: '/gestion/:establishmentId/fermetures', title: 'Fermetures', access: 'manager', component: ClosuresPage },
  {
    path: '/gestion/:establishmentId/annulation',
    title: 'Conditions d’annulation',
    access: 'manager',
    component: CancellationPolicyPage,
  },
  {
    path: '/gestion/:establishmentId/recettes',
    title: 'Recettes et versements',
    access: 'manager',
    component: RevenuePage,
  },
  // Where the payment provider's onboarding sends the collège back.
  {
    path: '/etablissements/:establishmentId/versements',
    title: 'Recettes et versements',
    access: 'manager',
    component: RevenuePage,
  },
  { path: '/admin', title: 'Administration', access: 'admin', component: AdminHomePage },
  { path: '/admin/etablissements', title: 'Établissements', access: 'admin', component: AdminEstablishmentsPage },
  {
    path: '/admin/organisations',
    title: 'Organisations à vérifier',
    access: 'admin',
    component: OrganisationQueuePage,
  },
  { path: '/admin/statistiques', title: 'Statistiques', access: 'admin', component: StatisticsPage },
  { path: '/admin/planning', title: 'Planning du département', access: 'admin', component: DepartmentPlanningPage },
  { path: '/admin/import-export', title: 'Import et export CSV', access: 'admin', component: ImportExportPage },
  { path: '/admin/messages-non-remis', title: 'Messages non remis', access: 'admin', component: FailedMessagesPage },
  {
    path: '/admin/suppressions-de-compte',
    title: 'Demandes de suppression de compte',
    access: 'admin',
    component: ErasureRequestsPage,
  },
  {
    path: '/admin/modele-de-convention',
    title: 'Modèle de convention',
    access: 'admin',
    component: ConventionTemplatePage,
  },
  {
    path: '/admin/conventions-a-signer',
    title: 'Conventions à signer',
    access: 'admin',
    component: ConventionsToSignPage,
  },
  {
    path: '/admin/anomalies-de-paiement',
    title: 'Anomalies de paiement',
    access: 'admin',
    component: PaymentFlagsPage,
  },
  {
    path: '/admin/rapprochement',
    title: 'Rapprochement et grand livre',
    access: 'admin',
    component: ReconciliationPage,
  },
  { path: '/journal-audit', title: 'Journal d’audit', access: 'manager', component: AuditLogPage },
];
