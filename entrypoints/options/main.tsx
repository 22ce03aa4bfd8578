import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import './options.css';
import { OptionsApp } from './App';

const root = document.getElementById('root');
if (root) createRoot(root).render(<OptionsApp />);
