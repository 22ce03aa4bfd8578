import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { SidePanelApp } from './App';

const root = document.getElementById('root');
if (root) createRoot(root).render(<SidePanelApp />);
