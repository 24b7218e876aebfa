// Progressive enhancement for the "Leave this site" link: without JavaScript it is a plain link;
// with it, the current page is also replaced in the history, so Back does not return here.
const link = document.getElementById('quick-exit');
if (link instanceof HTMLAnchorElement) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    window.location.replace(link.href);
  });
}
