import { mount } from 'svelte';
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/app.css';
import App from './ui/App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });
