export function ErrorPage({
  heading,
  message,
  homeHref,
  homeLabel,
}: {
  heading: string;
  message: string;
  homeHref: string;
  homeLabel: string;
}) {
  return (
    <>
      <h1>{heading}</h1>
      <p class="lead">{message}</p>
      <p>
        <a href={homeHref}>{homeLabel}</a>
      </p>
    </>
  );
}
