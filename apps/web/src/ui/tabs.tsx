import type { ReactNode } from 'react';
import { Tab, TabList, TabPanel, Tabs as AriaTabs } from 'react-aria-components';

export interface TabItem {
  id: string;
  title: string;
  content: ReactNode;
}

export interface TabsProps {
  /** What the tabs choose between, for screen readers (« Parties de l’espace »). */
  label: string;
  tabs: readonly TabItem[];
}

/**
 * Tabs on react-aria's pattern: one tab stop, the arrow keys move between tabs (Home, End), the panel follows, and
 * Tab then enters the panel. Every panel stays mounted while hidden, so that what is typed in one survives a look
 * at another. Import it from `ui/tabs`, not `ui/index.ts`.
 */
export function Tabs({ label, tabs }: TabsProps) {
  return (
    <AriaTabs className="salle-tabs">
      <TabList aria-label={label} className="salle-tabs__list">
        {tabs.map((tab) => (
          <Tab key={tab.id} id={tab.id} className="salle-tabs__tab">
            {tab.title}
          </Tab>
        ))}
      </TabList>
      {tabs.map((tab) => (
        <TabPanel key={tab.id} id={tab.id} className="salle-tabs__panel" shouldForceMount>
          {tab.content}
        </TabPanel>
      ))}
    </AriaTabs>
  );
}
