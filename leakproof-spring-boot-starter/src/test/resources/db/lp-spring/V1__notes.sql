create table note (
  id bigint primary key,
  body varchar(200) not null
);
