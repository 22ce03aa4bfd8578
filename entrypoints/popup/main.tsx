import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { PopupApp } from './App';

const root = document.getElementById('root');
if (root) createRoot(root).render(<PopupApp />);
