import { createBrowserRouter, Navigate } from 'react-router-dom';
import { AcceptInvitationPage } from '../pages/AcceptInvitationPage.tsx';
import { ApiTokensPage } from '../pages/ApiTokensPage.tsx';
import { AccessReviewPage } from '../pages/AccessReviewPage.tsx';
import { AuditLogPage } from '../pages/AuditLogPage.tsx';
import { BillingPage } from '../pages/BillingPage.tsx';
import { BrandingPage } from '../pages/BrandingPage.tsx';
import { BucketPage } from '../pages/BucketPage.tsx';
import { BucketsPage } from '../pages/BucketsPage.tsx';
import { CalendarPage } from '../pages/CalendarPage.tsx';
import { ContactPage } from '../pages/ContactPage.tsx';
import { ContactsPage } from '../pages/ContactsPage.tsx';
import { ImportContactsPage } from '../pages/ImportContactsPage.tsx';
import { INTEGRATIONS_INTRO, IntegrationsPage } from '../pages/IntegrationsPage.tsx';
import { ForgotPasswordPage } from '../pages/ForgotPasswordPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { PermissionsPage } from '../pages/PermissionsPage.tsx';
import { PipelineBoardPage } from '../pages/PipelineBoardPage.tsx';
import { PipelinesPage } from '../pages/PipelinesPage.tsx';
import { ProgramPage } from '../pages/ProgramPage.tsx';
import { ProgramsPage } from '../pages/ProgramsPage.tsx';
import { ProfilePage } from '../pages/ProfilePage.tsx';
import { ResetPasswordPage } from '../pages/ResetPasswordPage.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';
import { SignUpPage } from '../pages/SignUpPage.tsx';
import { TasksPage } from '../pages/TasksPage.tsx';
import { TeamsPage } from '../pages/TeamsPage.tsx';
import { TemplatesPage } from '../pages/TemplatesPage.tsx';
import { UnmatchedRepliesPage } from '../pages/UnmatchedRepliesPage.tsx';
import { UsersPage } from '../pages/UsersPage.tsx';
import { AppShell } from './AppShell.tsx';
import { PublicOnly, RequireAdmin, RequireAuth } from './guards.tsx';
import { SettingsLayout, SettingsPageForAll } from './SettingsLayout.tsx';

export const router = createBrowserRouter([
  {
    element: <PublicOnly />,
    children: [
      { path: '/signin', element: <SignInPage /> },
      { path: '/signup', element: <SignUpPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
    ],
  },
  // One-time links work whoever is signed in (using one signs in as its account): the token is in the fragment.
  { path: '/accept-invitation', element: <AcceptInvitationPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { path: '/', element: <Navigate to="/contacts" replace /> },
          { path: '/contacts', element: <ContactsPage /> },
          { path: '/contacts/import', element: <ImportContactsPage /> },
          { path: '/contacts/:id', element: <ContactPage /> },
          { path: '/buckets', element: <BucketsPage /> },
          { path: '/buckets/:id', element: <BucketPage /> },
          { path: '/calendar', element: <CalendarPage /> },
          { path: '/tasks', element: <TasksPage /> },
          { path: '/pipelines', element: <PipelinesPage /> },
          { path: '/pipelines/:id', element: <PipelineBoardPage /> },
          { path: '/templates', element: <TemplatesPage /> },
          { path: '/templates/:id', element: <TemplatesPage /> },
          { path: '/programs', element: <ProgramsPage /> },
          { path: '/programs/:id', element: <ProgramPage /> },
          { path: '/account/api-tokens', element: <ApiTokensPage /> },
          { path: '/account/profile', element: <ProfilePage /> },
          // Every signed-in user's own connections: outside the admins' /settings tree, shown as one of its tabs to admins.
          {
            path: '/settings/integrations',
            element: (
              <SettingsPageForAll title="Integrations" subtitle={INTEGRATIONS_INTRO}>
                {(inSettings) => <IntegrationsPage intro={inSettings} />}
              </SettingsPageForAll>
            ),
          },
          {
            path: '/settings',
            element: <RequireAdmin />,
            children: [
              {
                element: <SettingsLayout />,
                children: [
                  { index: true, element: <Navigate to="/settings/users" replace /> },
                  { path: 'users', element: <UsersPage /> },
                  { path: 'users/:userId', element: <UsersPage /> },
                  { path: 'teams', element: <TeamsPage /> },
                  { path: 'permissions', element: <PermissionsPage /> },
                  { path: 'branding', element: <BrandingPage /> },
                  { path: 'billing', element: <BillingPage /> },
                  { path: 'audit', element: <AuditLogPage /> },
                  { path: 'access-review', element: <AccessReviewPage /> },
                  { path: 'unmatched-replies', element: <UnmatchedRepliesPage /> },
                ],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
